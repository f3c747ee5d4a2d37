package io.contexthub.connector.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.contexthub.store.ContextStore;
import io.contexthub.support.Fixtures;
import io.contexthub.support.HubTest;
import io.contexthub.support.SalesforceStub;
import io.contexthub.sync.CheckpointStore;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Change Data Capture through camel-salesforce's own CometD client against a Bayeux exchange played by WireMock:
 * the documented AccountChangeEvent starts the accounts sync, which brings the changed Account in full, and the
 * event's replay id is kept.
 */
// Closed after the class: a live CometD client left behind would keep reconnecting to a stopped server, and its
// errors would surface in other classes' awaits.
@DirtiesContext
@HubTest
@TestPropertySource(properties = {
        "hub.api.token=cdc-token",
        "hub.processing.batch.timeout-millis=50",
        "hub.connectors.salesforce.client-id=hub-connected-app",
        "hub.connectors.salesforce.client-secret=hub-connected-app-secret",
        "hub.connectors.salesforce.refresh-token=hub-refresh-token",
        "hub.connectors.salesforce.requests-per-minute=6000",
        "hub.connectors.salesforce.changes.enabled=true"})
class SalesforceChangesTest {

    static final SalesforceStub SALESFORCE = new SalesforceStub(true);
    static final String ECHO_ID = "\"id\":\"{{jsonPath request.body '$[0].id'}}\"";
    static final String CLIENT = "\"clientId\":\"hub-cometd-client\"";
    static final String ADVICE = "\"advice\":{\"reconnect\":\"retry\",\"interval\":200,\"timeout\":110000}";

    @DynamicPropertySource
    static void salesforce(DynamicPropertyRegistry registry) {
        stubSalesforce();
        registry.add("hub.connectors.salesforce.login-url", SALESFORCE::baseUrl);
    }

    static MappingBuilder bayeux(String channel) {
        return post(urlPathMatching("/cometd/59\\.0.*")).withRequestBody(matchingJsonPath("$[0].channel",
                equalTo(channel)));
    }

    static void stubSalesforce() {
        SALESFORCE.login("00D000000000001!cdc-session");
        // the Bayeux exchange: handshake, subscribe, then long polls, the first after subscribing carrying the event
        SALESFORCE.stub(bayeux("/meta/handshake").willReturn(json("[{\"channel\":\"/meta/handshake\","
                + "\"version\":\"1.0\",\"successful\":true," + CLIENT + "," + ECHO_ID
                + ",\"supportedConnectionTypes\":[\"long-polling\"],\"ext\":{\"replay\":true}," + ADVICE + "}]")));
        SALESFORCE.stub(bayeux("/meta/subscribe").inScenario("cdc").whenScenarioStateIs(STARTED)
                .willSetStateTo("subscribed").willReturn(json("[{\"channel\":\"/meta/subscribe\",\"successful\":true,"
                        + "\"subscription\":\"/data/ChangeEvents\"," + CLIENT + "," + ECHO_ID + "}]")));
        String connected = "{\"channel\":\"/meta/connect\",\"successful\":true," + CLIENT + "," + ECHO_ID + ","
                + ADVICE + "}";
        String event = "{\"channel\":\"/data/ChangeEvents\",\"data\":"
                + Fixtures.load("salesforce-cdc-account.json").body() + "}";
        SALESFORCE.stub(bayeux("/meta/connect").inScenario("cdc").whenScenarioStateIs("subscribed")
                .willSetStateTo("delivered").willReturn(json("[" + event + "," + connected + "]")));
        for (String state : new String[] {STARTED, "delivered"}) {
            SALESFORCE.stub(bayeux("/meta/connect").inScenario("cdc").whenScenarioStateIs(state)
                    .willReturn(json("[" + connected + "]").withFixedDelay(300)));
        }
        SALESFORCE.stub(bayeux("/meta/disconnect").willReturn(json(
                "[{\"channel\":\"/meta/disconnect\",\"successful\":true," + ECHO_ID + "}]")));
        // what the accounts sync then reads: the changed Account in full
        SALESFORCE.stub(get(urlPathEqualTo(SalesforceStub.API + "/queryAll/"))
                .withQueryParam("q", containing("FROM Account")).willReturn(json("{\"totalSize\":1,\"done\":true,"
                        + "\"records\":[{\"attributes\":{\"type\":\"Account\"},\"Id\":\"001D000000IRFmaIAH\","
                        + "\"Name\":\"Test 1\",\"Industry\":\"Technology\",\"SystemModstamp\":"
                        + "\"2024-01-15T10:03:20.000+0000\",\"IsDeleted\":false}]}")));
    }

    static ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }

    @AfterAll
    static void stopSalesforce() {
        SALESFORCE.close();
    }

    @Autowired
    ContextStore store;
    @Autowired
    CheckpointStore checkpoints;
    @Autowired
    CamelContext camel;

    /** Unsubscribes while the stub still answers, before the context closes. */
    @AfterEach
    void unsubscribe() throws Exception {
        camel.getRouteController().stopRoute(SalesforceChanges.ROUTE);
    }

    @Test
    void aChangeEventStartsItsObjectsSyncAndItsReplayIdIsKept() {
        await().atMost(Duration.ofSeconds(60)).until(() ->
                store.get("customer", "customer:salesforce:001D000000IRFmaIAH").isPresent());
        assertThat(store.get("customer", "customer:salesforce:001D000000IRFmaIAH").orElseThrow().json())
                .as("the full row, not the event's fragment").contains("\"industry\":\"Technology\"");
        await().atMost(Duration.ofSeconds(10)).until(() -> checkpoints.get("salesforce", "changes")
                .map(c -> "6".equals(c.cursor())).orElse(false));
        SALESFORCE.server().verify(postRequestedFor(urlPathMatching("/cometd/59\\.0.*"))
                .withRequestBody(containing("\"/data/ChangeEvents\":-1")));
    }
}
