package io.contexthub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.contexthub.support.SalesforceStub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.contexthub.store.ContextStore;
import io.contexthub.store.opensearch.OpenSearchCheckpointStore;
import io.contexthub.support.Fixtures;
import io.contexthub.support.Ga4Stub;
import io.contexthub.support.HubClient;
import io.contexthub.support.ProductionHub;
import io.contexthub.support.SalesforceStub;
import io.contexthub.sync.CheckpointStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The Salesforce, GA4, HubSpot and Stripe syncs on the production backbone: records staged through a real Kafka
 * broker, indexed in a real OpenSearch node, cursors and leases kept in OpenSearch. A second instance started on an
 * empty disk after the first is gone resumes the syncs from the cursors the first left in OpenSearch.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProductionSyncsTest {

    static final String PREFIX = "syncs" + UUID.randomUUID().toString().substring(0, 8);
    static final String ACCOUNTS = "FROM Account ORDER BY SystemModstamp ASC";
    static final String ACCOUNTS_SINCE = "FROM Account WHERE SystemModstamp >= 2024-03-20T16:45:00Z ORDER BY";
    static final Duration RUN = Duration.ofSeconds(90);
    static final ObjectMapper JSON = new ObjectMapper();
    static EmbeddedKafkaKraftBroker kafka;
    static SalesforceStub salesforce;
    static Ga4Stub google;
    static WireMockServer saas;
    static Path serviceAccountKey;
    static ConfigurableApplicationContext hub;

    static ConfigurableApplicationContext start() {
        List<String> settings = new ArrayList<>(List.of(
                "hub.kafka.partitions=2",
                "hub.processing.batch.timeout-millis=50",
                "hub.connectors.salesforce.login-url=" + salesforce.baseUrl(),
                "hub.connectors.salesforce.client-id=hub-connected-app",
                "hub.connectors.salesforce.client-secret=hub-connected-app-secret",
                "hub.connectors.salesforce.refresh-token=hub-refresh-token",
                "hub.connectors.salesforce.requests-per-minute=6000",
                "hub.connectors.hubspot.base-url=" + saas.baseUrl(),
                "hub.connectors.hubspot.access-token=pat-na1-backbone",
                "hub.connectors.stripe.base-url=" + saas.baseUrl(),
                "hub.connectors.stripe.api-key=rk_test_backbone"));
        google.settings(serviceAccountKey).forEach((key, value) -> settings.add(key + "=" + value));
        return ProductionHub.start(kafka.getBrokersAsString(), PREFIX, settings.toArray(String[]::new));
    }

    @BeforeAll
    static void startBackbone() throws Exception {
        kafka = new EmbeddedKafkaKraftBroker(1, 2);
        kafka.afterPropertiesSet();
        salesforce = new SalesforceStub();
        salesforce.login("00D000000000001!backbone-session");
        salesforce.stub(get(urlPathEqualTo(SalesforceStub.API + "/queryAll/"))
                .withQueryParam("q", matching(".*" + ACCOUNTS))
                .willReturn(json(SalesforceStub.page("salesforce-query-accounts-page1.json"), "10018/100000")));
        // the last page also carries a row without an Id (invented): it must be dead-lettered, the rest indexed
        ObjectNode page2 = (ObjectNode) JSON.readTree(SalesforceStub.page("salesforce-query-accounts-page2.json"));
        page2.withArray("records").insertObject(0).put("Name", "A row without an Id")
                .put("SystemModstamp", "2024-03-20T16:40:00.000+0000").put("IsDeleted", false)
                .putObject("attributes").put("type", "Account");
        salesforce.stub(get(urlPathEqualTo(SalesforceStub.API + "/query/01gD0000002HU6KIAW-2"))
                .willReturn(json(page2.toString(), "10019/100000")));
        // HubSpot contacts (two search pages) and Stripe customers (two list pages), as documented
        saas = new WireMockServer(options().dynamicPort());
        saas.start();
        saas.stubFor(post(urlPathEqualTo("/crm/v3/objects/contacts/search"))
                .withRequestBody(matchingJsonPath("$.after", equalTo("0"))).willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(documented("hubspot-crm-contacts-search-page1.json"))));
        saas.stubFor(post(urlPathEqualTo("/crm/v3/objects/contacts/search"))
                .withRequestBody(matchingJsonPath("$.after", equalTo("2"))).willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(documented("hubspot-crm-contacts-search-page2.json"))));
        saas.stubFor(WireMock.get(urlPathEqualTo("/v1/customers")).withQueryParam("starting_after", absent())
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(documented("stripe-customers-list-page1.json"))));
        saas.stubFor(WireMock.get(urlPathEqualTo("/v1/customers"))
                .withQueryParam("starting_after", equalTo("cus_R9fJd3LqW8nVzc"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(documented("stripe-customers-list-page2.json"))));
        google = new Ga4Stub();
        google.token();
        google.reports("123456789", "12");
        serviceAccountKey = google.writeServiceAccountKey(Path.of("target", PREFIX));
        hub = start();
    }

    @AfterAll
    static void stopBackbone() {
        if (hub != null) {
            hub.close();
        }
        if (kafka != null) {
            kafka.destroy();
        }
        salesforce.close();
        google.close();
        saas.stop();
    }

    static String documented(String fixture) {
        return Fixtures.load(fixture).json().at("/response/body").toString();
    }

    static long reportCallsFor(LocalDate day) {
        return google.server().findAll(postRequestedFor(urlPathEqualTo(Ga4Stub.runReport("123456789")))
                .withRequestBody(matchingJsonPath("$.dateRanges[0].startDate", equalTo(day.toString())))).size();
    }

    @Test
    @Order(1)
    void salesforceGa4HubSpotAndStripeRecordsTravelThroughKafkaIntoOpenSearch() {
        assertThat(hub.getBean(CheckpointStore.class)).isInstanceOf(OpenSearchCheckpointStore.class);
        HubClient client = ProductionHub.client(hub);

        JsonNode accounts = client.syncAndAwait("salesforce", "accounts", "idle", RUN);
        JsonNode reports = client.syncAndAwait("ga4", "reports", "idle", RUN);
        JsonNode contacts = client.syncAndAwait("hubspot", "contacts", "idle", RUN);
        JsonNode stripeCustomers = client.syncAndAwait("stripe", "customers", "idle", RUN);

        assertThat(accounts.path("cursor").asText()).isEqualTo("2024-03-20T16:45:00.000+0000");
        assertThat(accounts.path("total").asLong()).as("totalSize").isEqualTo(3);
        LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        assertThat(reports.path("cursor").asText()).isEqualTo(yesterday.toString());
        ContextStore store = hub.getBean(ContextStore.class);
        assertThat(contacts.path("cursor").asText()).isEqualTo("1775657395271");
        assertThat(stripeCustomers.path("cursor").asText()).isEqualTo("1775466000");
        // 3 Salesforce accounts, 3 HubSpot contacts and the one merged away, 3 Stripe customers
        await().atMost(RUN).until(() -> store.count("customer") == 10 && store.count("event") == 4);
        assertThat(store.get("customer", "customer:salesforce:001D000000JmNoPIAV")).isPresent();
        assertThat(store.get("customer", "customer:hubspot:contacts/60313")).isPresent();
        assertThat(store.get("customer", "customer:stripe:cus_QXg1o8vcGmoR32")).isPresent();
        await().atMost(RUN).until(() -> client.api("GET", "/api/dead-letters").json().path("deadLetters")
                .findValuesAsText("idempotencyKey").contains("salesforce:Account:?:2024-03-20T16:40:00.000+0000"));
        assertThat(store.get("event", "event:ga4:countries:" + yesterday + ":France").orElseThrow().json())
                .contains("\"activeUsers\":12");
    }

    @Test
    @Order(2)
    void anInstanceOnAnEmptyDiskResumesBothSyncsFromTheCursorsInOpenSearch() {
        hub.close();
        salesforce.stub(get(urlPathEqualTo(SalesforceStub.API + "/queryAll/"))
                .withQueryParam("q", matching(".*" + ACCOUNTS_SINCE + ".*"))
                .willReturn(json("{\"totalSize\":1,\"done\":true,\"records\":[{\"attributes\":{\"type\":\"Account\"},"
                        + "\"Id\":\"001D000000JmNoPIAV\",\"Name\":\"Acme Corporation (renamed)\",\"Industry\":\"Technology\","
                        + "\"SystemModstamp\":\"2024-03-21T08:00:00.000+0000\",\"IsDeleted\":false}]}", "10020/100000")));
        google.reports("123456789", "15");

        hub = start();
        HubClient client = ProductionHub.client(hub);
        assertThat(client.stream("salesforce", "accounts").path("cursor").asText())
                .as("known before any run: read from OpenSearch").isEqualTo("2024-03-20T16:45:00.000+0000");
        assertThat(client.stream("hubspot", "contacts").path("cursor").asText()).isEqualTo("1775657395271");
        assertThat(client.stream("stripe", "customers").path("cursor").asText()).isEqualTo("1775466000");

        JsonNode accounts = client.syncAndAwait("salesforce", "accounts", "idle", RUN);
        client.syncAndAwait("ga4", "reports", "idle", RUN);

        assertThat(accounts.path("cursor").asText()).isEqualTo("2024-03-21T08:00:00.000+0000");
        salesforce.server().verify(1, getRequestedFor(urlPathEqualTo(SalesforceStub.API + "/queryAll/"))
                .withQueryParam("q", matching(".*" + ACCOUNTS)));
        salesforce.server().verify(1, getRequestedFor(urlPathEqualTo(SalesforceStub.API + "/query/01gD0000002HU6KIAW-2")));
        LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        assertThat(reportCallsFor(yesterday.minusDays(1))).as("the day before: pulled once, not again").isEqualTo(2);
        assertThat(reportCallsFor(yesterday)).as("yesterday: pulled again, GA4 still revises it").isEqualTo(4);

        ContextStore store = hub.getBean(ContextStore.class);
        await().atMost(RUN).until(() -> store.get("customer", "customer:salesforce:001D000000JmNoPIAV").orElseThrow()
                .json().contains("Acme Corporation (renamed)")
                && store.get("event", "event:ga4:countries:" + yesterday + ":France").orElseThrow().json()
                        .contains("\"activeUsers\":15"));
        assertThat(store.count("customer")).isEqualTo(10);
        assertThat(store.count("event")).as("replaced, not added").isEqualTo(4);
    }
}
