package io.contexthub.connector.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.contexthub.support.SalesforceStub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.store.ContextStore;
import io.contexthub.support.Fixtures;
import io.contexthub.support.HubClient;
import io.contexthub.support.HubTest;
import io.contexthub.support.SalesforceStub;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Salesforce through camel-salesforce itself, logging in and querying a WireMock server that serves the documented
 * token and query payloads: queryAll then queryMore to done, an expired session answered by a new login, the
 * org's REQUEST_LIMIT_EXCEEDED pausing a stream that later resumes, and a nearly spent allocation
 * (Sforce-Limit-Info) pausing before any call is made.
 */
@HubTest
@TestPropertySource(properties = {
        "hub.api.token=sf-token",
        "hub.processing.batch.timeout-millis=50",
        "hub.connectors.salesforce.client-id=hub-connected-app",
        "hub.connectors.salesforce.client-secret=hub-connected-app-secret",
        "hub.connectors.salesforce.refresh-token=hub-refresh-token",
        "hub.connectors.salesforce.requests-per-minute=6000",
        "hub.sync.retry.initial-delay-millis=50",
        "hub.sync.retry.max-delay-millis=200"})
class SalesforceSyncTest {

    static final SalesforceStub SALESFORCE = new SalesforceStub();

    @DynamicPropertySource
    static void salesforce(DynamicPropertyRegistry registry) {
        registry.add("hub.connectors.salesforce.login-url", SALESFORCE::baseUrl);
    }

    @AfterAll
    static void stopSalesforce() {
        SALESFORCE.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    ContextStore store;

    JsonNode stream(String name) {
        return new HubClient(port, "sf-token").stream("salesforce", name);
    }

    JsonNode document(String eventId) throws Exception {
        return new ObjectMapper().readTree(store.get("event", eventId).orElseThrow().json());
    }

    void runAndAwait(String name, String state) {
        new HubClient(port, "sf-token").syncAndAwait("salesforce", name, state, Duration.ofSeconds(60));
    }

    @Test
    void queriesPageToDoneSurviveAnExpiredSessionAndPauseForTheOrgsLimits() throws Exception {
        SALESFORCE.stub(post(urlPathEqualTo(SalesforceStub.TOKEN)).inScenario("login")
                .whenScenarioStateIs(STARTED).willSetStateTo("second")
                .willReturn(json(SALESFORCE.token("00D000000000001!first-session"), "0/100000")));
        SALESFORCE.stub(post(urlPathEqualTo(SalesforceStub.TOKEN)).inScenario("login")
                .whenScenarioStateIs("second")
                .willReturn(json(SALESFORCE.token("00D000000000001!second-session"), "0/100000")));
        SALESFORCE.stub(get(urlPathEqualTo(SalesforceStub.API + "/queryAll/"))
                .withHeader("Authorization", equalTo("Bearer 00D000000000001!first-session"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]")));
        SALESFORCE.stub(get(urlPathEqualTo(SalesforceStub.API + "/queryAll/")).withQueryParam("q", containing("FROM Account"))
                .withHeader("Authorization", equalTo("Bearer 00D000000000001!second-session"))
                .willReturn(json(SalesforceStub.page("salesforce-query-accounts-page1.json"), "10018/100000")));
        SALESFORCE.stub(get(urlPathEqualTo(SalesforceStub.API + "/query/01gD0000002HU6KIAW-2"))
                .willReturn(json(SalesforceStub.page("salesforce-query-accounts-page2.json"), "10019/100000")));

        assertThat(stream("invoices").path("enabled").asBoolean()).as("off unless the org has the object").isFalse();
        assertThat(stream("accounts").path("enabled").asBoolean()).isTrue();

        runAndAwait("accounts", "idle");

        JsonNode accounts = stream("accounts");
        assertThat(accounts.path("cursor").asText()).isEqualTo("2024-03-20T16:45:00.000+0000");
        assertThat(accounts.path("total").asLong()).as("totalSize").isEqualTo(3);
        for (String id : new String[] {"001D000000IRFmaIAH", "001D000000IomazIAB", "001D000000JmNoPIAV"}) {
            await().atMost(Duration.ofSeconds(30)).until(() -> store.get("customer", "customer:salesforce:" + id)
                    .isPresent());
        }
        SALESFORCE.server().verify(2, postRequestedFor(urlPathEqualTo(SalesforceStub.TOKEN))
                .withRequestBody(containing("grant_type=refresh_token")));
        SALESFORCE.server().verify(getRequestedFor(urlPathEqualTo(SalesforceStub.API + "/queryAll/"))
                .withQueryParam("q", equalTo("SELECT Id, Name, Type, Industry, Website, Phone, BillingCity, "
                        + "BillingCountry, CreatedDate, SystemModstamp, IsDeleted FROM Account ORDER BY SystemModstamp ASC")));

        // activities: queryAll sees archived and deleted tasks too; each becomes an Event on its person's timeline
        SALESFORCE.stub(get(urlPathEqualTo(SalesforceStub.API + "/queryAll/")).withQueryParam("q", containing("FROM Task"))
                .willReturn(json(Fixtures.load("salesforce-query-tasks.json").json().path("response").path("body")
                        .toString(), "10020/100000")));
        runAndAwait("tasks", "idle");
        assertThat(stream("tasks").path("cursor").asText()).isEqualTo("2026-04-15T10:05:33.000+0000");
        await().atMost(Duration.ofSeconds(30)).until(() -> store.get("event", "event:salesforce:00TD000001hZk2dMAC")
                .isPresent());
        JsonNode archivedCall = document("event:salesforce:00TD000001hZk2aMAC");
        assertThat(archivedCall.path("eventType").asText()).isEqualTo("activity.call");
        assertThat(archivedCall.path("customer").path("id").asText()).isEqualTo("customer:salesforce:003D000000Qk7RsIAJ");
        assertThat(archivedCall.path("properties").path("archived").asBoolean()).isTrue();
        assertThat(document("event:salesforce:00TD000001hZk2cMAC").path("properties").path("deleted").asBoolean())
                .isTrue();

        // opportunities: the Deal at its current stage, and the moves of its stage history (a sub-query) as Events
        SALESFORCE.stub(get(urlPathEqualTo(SalesforceStub.API + "/queryAll/"))
                .withQueryParam("q", containing("FROM Opportunity"))
                .willReturn(json("{\"totalSize\":1,\"done\":true,\"records\":[{\"attributes\":{\"type\":"
                        + "\"Opportunity\"},\"Id\":\"006D000000CqWonIAF\",\"Name\":\"Test 1 renewal\","
                        + "\"StageName\":\"Closed Won\",\"Amount\":12000,\"CloseDate\":\"2026-04-30\","
                        + "\"IsClosed\":true,\"IsWon\":true,\"Probability\":100,\"AccountId\":\"001D000000IRFmaIAH\","
                        + "\"Account\":{\"Name\":\"Test 1\"},\"SystemModstamp\":\"2026-04-30T10:00:00.000+0000\","
                        + "\"IsDeleted\":false,\"OpportunityHistories\":{\"totalSize\":2,\"done\":true,\"records\":["
                        + "{\"Id\":\"008D000000hA2AIAS\",\"StageName\":\"Closed Won\",\"Amount\":12000,"
                        + "\"CreatedDate\":\"2026-04-30T10:00:00.000+0000\"},{\"Id\":\"008D000000hA1AIAS\","
                        + "\"StageName\":\"Proposal/Price Quote\",\"Amount\":12000,"
                        + "\"CreatedDate\":\"2026-04-01T10:00:00.000+0000\"}]}}]}", "10021/100000")));
        runAndAwait("opportunities", "idle");
        await().atMost(Duration.ofSeconds(30)).until(() -> store.get("deal", "deal:salesforce:006D000000CqWonIAF")
                .isPresent() && store.get("event", "event:salesforce:008D000000hA2AIAS").isPresent());
        JsonNode deal = new ObjectMapper().readTree(store.get("deal", "deal:salesforce:006D000000CqWonIAF")
                .orElseThrow().json());
        assertThat(deal.path("status").asText()).isEqualTo("won");
        assertThat(deal.path("stage").path("label").asText()).isEqualTo("Closed Won");
        assertThat(deal.path("amount").asLong()).isEqualTo(1_200_000);
        assertThat(document("event:salesforce:008D000000hA2AIAS").path("text").asText())
                .isEqualTo("Test 1 renewal moved from Proposal/Price Quote to Closed Won, 12000.00 USD");
        assertThat(store.get("invoice", "invoice:salesforce:006D000000CqWonIAF")).as("no longer an Invoice").isEmpty();
        // the next run's condition goes on the query, not on its sub-query
        runAndAwait("opportunities", "idle");
        SALESFORCE.server().verify(getRequestedFor(urlPathEqualTo(SalesforceStub.API + "/queryAll/"))
                .withQueryParam("q", containing("ORDER BY CreatedDate DESC LIMIT 50) FROM Opportunity WHERE "
                        + "SystemModstamp >= 2026-04-30T10:00:00Z ORDER BY SystemModstamp ASC")));

        // the org's daily allocation is spent: the orders stream pauses, keeping its call for later
        SALESFORCE.stub(get(urlPathEqualTo(SalesforceStub.API + "/queryAll/")).withQueryParam("q", containing("FROM Order"))
                .inScenario("limit").whenScenarioStateIs(STARTED).willSetStateTo("allocation renewed")
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withBody("[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]")));
        runAndAwait("orders", "paused");
        assertThat(stream("orders").path("pendingCalls").asInt()).isEqualTo(1);
        assertThat(stream("orders").path("lastError").asText()).contains("REQUEST_LIMIT_EXCEEDED");

        SALESFORCE.stub(get(urlPathEqualTo(SalesforceStub.API + "/queryAll/")).withQueryParam("q", containing("FROM Order"))
                .inScenario("limit").whenScenarioStateIs("allocation renewed")
                .willReturn(json("{\"totalSize\":1,\"done\":true,\"records\":[{\"attributes\":{\"type\":\"Order\"},"
                        + "\"Id\":\"801D000000AbCdEIAZ\",\"OrderNumber\":\"00000101\",\"Status\":\"Activated\","
                        + "\"TotalAmount\":1249.5,\"EffectiveDate\":\"2024-02-11\",\"AccountId\":\"001D000000IRFmaIAH\","
                        + "\"SystemModstamp\":\"2024-02-11T09:30:00.000+0000\",\"IsDeleted\":false}]}", "95000/100000")));
        runAndAwait("orders", "idle");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                store.get("invoice", "invoice:salesforce:801D000000AbCdEIAZ").isPresent());

        // that answer said 95% of the allocation is used: the contacts stream pauses before calling at all
        runAndAwait("contacts", "paused");
        assertThat(stream("contacts").path("lastError").asText()).contains("95000/100000");
        SALESFORCE.server().verify(0, getRequestedFor(urlPathEqualTo(SalesforceStub.API + "/queryAll/"))
                .withQueryParam("q", containing("FROM Contact")));
    }
}
