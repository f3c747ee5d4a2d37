package io.contexthub.tenant;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.contexthub.platform.HubProperties;
import io.contexthub.support.Fixtures;
import io.contexthub.support.HubClient;
import io.contexthub.support.SaasStub;
import io.contexthub.support.SyncHubTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * A tenant's scheduled syncs: the hub's Stripe connector, built again from the tenant's credentials, against
 * WireMock playing Stripe; what it reads is the tenant's, its checkpoint is the tenant's, and the default tenant's
 * Stripe connector (configured with another key) is not touched.
 */
@SyncHubTest
@TestPropertySource(properties = "hub.tenants.acme.connectors.stripe.api-key=" + TenantSyncTest.ACME_KEY)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TenantSyncTest {

    static final String ACME_KEY = "rk_test_acme_restricted";
    static final WireMockServer STRIPE = SaasStub.server();

    @LocalServerPort
    int port;
    @Autowired
    HubProperties hub;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @DynamicPropertySource
    static void stub(DynamicPropertyRegistry registry) {
        registry.add("hub.tenants.acme.connectors.stripe.base-url", () -> SaasStub.server().baseUrl());
    }

    /** A key of tenant acme with the given role. */
    HubClient acme(String role) {
        HubClient bootstrap = new HubClient(port, SyncHubTest.TOKEN);
        HubClient.Reply created = bootstrap.raw(HttpRequest.newBuilder(URI.create(bootstrap.base() + "/api/keys"))
                .header("Authorization", "Bearer " + SyncHubTest.TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"acme " + role + "\", \"role\": \"" + role
                        + "\", \"tenant\": \"acme\"}")).build());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new HubClient(port, created.json().path("token").asText());
    }

    /** Stripe lists acme's one customer to whoever sends this key. */
    static void answerCustomers(String key) {
        ObjectNode customer = Fixtures.load("stripe-customer-created.json").body().at("/data/object").deepCopy();
        customer.put("id", "cus_acme_sync1").put("name", "Acme Synced Customer").put("email", "synced@example.com")
                .put("created", 1775466100L);
        ObjectNode page = new ObjectMapper().createObjectNode().put("object", "list").put("has_more", false);
        page.putArray("data").add(customer);
        STRIPE.stubFor(get(urlPathEqualTo("/v1/customers")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + key))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(page.toString())));
    }

    @Test
    @Order(1)
    void aTenantsSyncReadsWithItsOwnCredentialsIntoItsOwnStoreAndCheckpoint() {
        answerCustomers(ACME_KEY);

        HubClient bootstrap = new HubClient(port, SyncHubTest.TOKEN);
        HubClient acme = acme("operator");

        // acme configured Stripe only: its connectors are its own, not the hub's HubSpot
        JsonNode connectors = acme.api("GET", "/api/connectors").json().path("connectors");
        assertThat(connectors).extracting(c -> c.path("name").asText()).containsExactly("stripe");
        assertThat(acme.api("POST", "/api/connectors/hubspot/sync").status()).isEqualTo(404);

        JsonNode stream = acme.syncAndAwait("stripe", "customers", "idle", Duration.ofSeconds(60));
        assertThat(stream.path("cursor").asText()).isEqualTo("1775466100");
        STRIPE.verify(getRequestedFor(urlPathEqualTo("/v1/customers"))
                .withHeader("Authorization", equalTo("Bearer " + ACME_KEY)));

        await().atMost(Duration.ofSeconds(30)).until(() -> acme.api("GET",
                "/api/context/customer/customer:stripe:cus_acme_sync1").status() == 200);
        assertThat(acme.api("GET", "/api/context/customer/customer:stripe:cus_acme_sync1").json().path("name")
                .asText()).isEqualTo("Acme Synced Customer");
        assertThat(bootstrap.api("GET", "/api/context/customer/customer:stripe:cus_acme_sync1").status())
                .as("not in the default tenant").isEqualTo(404);
        assertThat(bootstrap.stream("stripe", "customers").path("finishedAt").isNull())
                .as("the default tenant's Stripe customers never ran").isTrue();
        assertThat(hub.dataDir().resolve("tenants/acme/checkpoints/stripe.customers.json")).exists();
        // what the alert rules watch, per tenant
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(meters.get(
                "hub.sync.last.finished.timestamp").tags("connector", "stripe", "stream", "customers", "tenant", "acme")
                .gauge().value()).isEqualTo((double) java.time.Instant.parse(stream.path("finishedAt").asText())
                .getEpochSecond()));
        assertThat(meters.get("hub.sync.failing").tags("tenant", "acme", "stream", "customers").gauge().value())
                .isZero();
        assertThat(meters.get("hub.sync.lag").tags("tenant", "acme", "stream", "customers").gauge().value())
                .isPositive();
        assertThat(meters.get("hub.sync.last.finished.timestamp").tags("tenant", "default", "connector", "stripe",
                "stream", "customers").gauge().value()).as("never ran").isNaN();
        assertThat(hub.dataDir().resolve("checkpoints/stripe.customers.json")).doesNotExist();
    }

    @Test
    @Order(2)
    void aTenantConnectsItsOwnStripeKeyWhichItsSyncUsesAndNoOtherTenantSees() {
        String connected = "rk_test_acme_connected_9Q2w";
        answerCustomers(connected);
        HubClient admin = acme("admin");
        try {
            HubClient.Reply stored = admin.api("PUT", "/api/connections/stripe", "{\"apiKey\":\"" + connected + "\"}");
            assertThat(stored.status()).as(stored.body()).isEqualTo(200);
            assertThat(stored.json().path("credentials").asText()).isEqualTo("connection");
            assertThat(hub.dataDir().resolve("tenants/acme/checkpoints/connection.stripe.credential")).exists();
            assertThat(hub.dataDir().resolve("checkpoints/connection.stripe.credential")).doesNotExist();
            JsonNode defaults = new HubClient(port, SyncHubTest.TOKEN).api("GET", "/api/connections").json();
            assertThat(defaults.toString()).contains("\"connector\":\"stripe\"").doesNotContain("acme")
                    .doesNotContain("\"connected\":true");

            admin.syncAndAwait("stripe", "customers", "idle", Duration.ofSeconds(60));
            STRIPE.verify(getRequestedFor(urlPathEqualTo("/v1/customers"))
                    .withHeader("Authorization", equalTo("Bearer " + connected)).withQueryParam("created[gte]",
                            equalTo("1775466100")));
        } finally {
            admin.api("DELETE", "/api/connections/stripe");
        }
        assertThat(hub.dataDir().resolve("tenants/acme/checkpoints/connection.stripe.credential")).doesNotExist();
    }
}
