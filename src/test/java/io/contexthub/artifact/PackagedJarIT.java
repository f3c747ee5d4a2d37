package io.contexthub.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.contexthub.support.CrmStubs;
import io.contexthub.support.Fixtures;
import io.contexthub.support.FrontEvents;
import io.contexthub.support.HubClient;
import io.contexthub.support.PackagedHub;
import io.contexthub.support.SaasStub;
import io.contexthub.support.StripeSigner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The packaged jar on its embedded defaults (spool + Lucene + bundled model), started the way the Docker image
 * starts it: what a new user runs. The jar of 2026-11 answered 202 here and never indexed anything.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackagedJarIT {

    static final String STRIPE_SECRET = "whsec_packaged_test_secret";
    static final String ACME_STRIPE_SECRET = "whsec_packaged_acme_secret";
    static final String ACME_STRIPE_KEY = "rk_test_packaged_acme";
    static final WireMockServer SAAS = SaasStub.server();
    static final Map<String, String> SETTINGS = Map.of("HUB_WEBHOOKS_FRONTAPP_SECRET", FrontEvents.SECRET,
            "HUB_WEBHOOKS_STRIPE_SECRET", STRIPE_SECRET,
            "HUB_CONNECTORS_HUBSPOT_ACCESSTOKEN", "pat-na1-00000000-0000-0000-0000-000000000000",
            "HUB_CONNECTORS_HUBSPOT_BASEURL", SAAS.baseUrl(),
            "HUB_CONNECTORS_STRIPE_APIKEY", "rk_test_packaged_restricted",
            "HUB_CONNECTORS_STRIPE_BASEURL", SAAS.baseUrl(),
            // a second tenant, configured from the environment as a container would be
            "HUB_TENANTS_ACME_WEBHOOKS_STRIPE_SECRET", ACME_STRIPE_SECRET,
            "HUB_TENANTS_ACME_CONNECTORS_STRIPE_APIKEY", ACME_STRIPE_KEY,
            "HUB_TENANTS_ACME_CONNECTORS_STRIPE_BASEURL", SAAS.baseUrl());

    static PackagedHub hub;
    /** The read-only, scoped key an agent gets (order 5), still valid after the restart (order 7). */
    static String agentToken;
    static final List<HubClient.Reply> answeredWhileStarting = new ArrayList<>();

    @BeforeAll
    static void start() {
        hub = PackagedHub.create("packaged", SETTINGS);
        byte[] early = FrontEvents.inbound("evt_early", "msg_early", "Sent before the hub was ready", null);
        hub.start(client -> answeredWhileStarting.add(client.postFront(FrontEvents.SECRET, early)));
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    @Order(1)
    void itLoadsItsRouteFilesFromTheJarAndChecksTheConsumerIsThere() {
        String log = hub.log();
        assertThat(log).contains("Route files (").contains("classpath:hub/routes/staging/spool.yaml")
                .doesNotContain("staging/kafka.yaml")
                .contains("routes checked: staging, stage.spool.consume and processing are in place")
                // probes during startup answered 503 without a WARN line each
                .doesNotContain("HealthIndicator");
    }

    @Test
    @Order(2)
    void whileStartingWebhooksAreToldToRetryNotThatTheyAreUnknown() {
        // the last one may have arrived just as the hub became ready: then it was staged
        var refused = answeredWhileStarting.stream().filter(reply -> reply.status() != 202).toList();
        assertThat(refused).as("webhooks answered before the hub was ready").isNotEmpty().allSatisfy(reply -> {
            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.response().headers().firstValue("Retry-After")).isPresent();
            assertThat(reply.json().path("error").asText()).isEqualTo("not_ready");
        });
    }

    @Test
    @Order(3)
    void aSignedFrontWebhookIsFoundByAParaphrase() {
        byte[] body = FrontEvents.inbound("evt_pkg1", "msg_pkg1",
                "My order still has not arrived and the tracking page shows nothing. When will it be delivered?",
                "pkg.buyer@example.org");
        HubClient client = hub.client();
        assertThat(client.postFront(FrontEvents.SECRET, body).status()).isEqualTo(202);

        awaitFound(client, "where is my parcel", "event:frontapp:msg_pkg1");
        // the same customer, asked for by e-mail: a filter, and an exact identifier that ranks first
        var byCustomer = client.api("GET", "/api/context/search?customer=Pkg.Buyer@example.org&type=event").json();
        assertThat(byCustomer.path("hits")).extracting(hit -> hit.path("id").asText())
                .contains("event:frontapp:msg_pkg1");
        assertThat(client.search("pkg.buyer@example.org", null, 3).json().path("hits").get(0).path("document")
                .toString()).contains("pkg.buyer@example.org");
        var again = client.postFront(FrontEvents.SECRET, body);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("status").asText()).isEqualTo("duplicate");
    }

    @Test
    @Order(3)
    void binHubSendsTheSampleWebhookSignedWithTheSecretTheHubRunsWith() throws Exception {
        var sent = CliIT.run(Map.of("HUB_WEBHOOKS_FRONTAPP_SECRET", FrontEvents.SECRET), "bin/hub", "send", "frontapp",
                "connectors/frontapp/samples/inbound-message.json", "--url", hub.base());
        var forged = CliIT.run(Map.of("HUB_WEBHOOKS_FRONTAPP_SECRET", "not-the-secret"), "bin/hub", "send",
                "frontapp", "connectors/frontapp/samples/inbound-message.json", "--url", hub.base());

        assertThat(sent.output()).containsPattern("HTTP 20[02]").contains("frontapp:evt_3s78kxhw");
        assertThat(sent.code()).isZero();
        assertThat(forged.output()).contains("HTTP 401");
        assertThat(forged.code()).isEqualTo(1);
    }

    @Test
    @Order(4)
    void aStripeCustomerWithTheSameEmailIsLinkedToTheFrontContact() throws Exception {
        ObjectNode event = (ObjectNode) Fixtures.load("stripe-customer-created.json").body().deepCopy();
        event.put("id", "evt_pkg_customer").put("created", Instant.now().getEpochSecond());
        ((ObjectNode) event.path("data").path("object")).put("id", "cus_pkg1").put("email", "Pkg.Buyer@example.org");
        byte[] body = new ObjectMapper().writeValueAsBytes(event);
        HubClient client = hub.client();
        var staged = client.post("/webhooks/stripe", Map.of("Content-Type", "application/json", "Stripe-Signature",
                StripeSigner.header(STRIPE_SECRET, Instant.now().getEpochSecond(), body)), body);
        assertThat(staged.status()).as(staged.body()).isEqualTo(202);

        JsonNode profile = await().atMost(Duration.ofSeconds(60))
                .until(() -> client.api("GET", "/api/profiles/customer:stripe:cus_pkg1"),
                        reply -> reply.status() == 200 && reply.json().path("members").size() == 2).json();
        assertThat(profile.path("members")).extracting(JsonNode::asText).contains("customer:stripe:cus_pkg1");
        assertThat(profile.path("links").get(0).path("rule").asText()).isEqualTo("same-email");
        assertThat(profile.path("links").get(0).path("value").asText()).isEqualTo("pkg.buyer@example.org");
    }

    @Test
    @Order(5)
    void anAgentWithAScopedReadOnlyKeyConnectsOverMcpAndFindsTheMessage() {
        HubClient admin = hub.client();
        var created = admin.raw(java.net.http.HttpRequest.newBuilder(java.net.URI.create(hub.base() + "/api/keys"))
                .header("Authorization", "Bearer " + PackagedHub.API_TOKEN).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\": \"support agent\", "
                        + "\"role\": \"reader\", \"scope\": {\"types\": [\"event\", \"customer\"], "
                        + "\"sources\": [\"frontapp\", \"stripe\"]}}")).build());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        agentToken = created.json().path("token").asText();
        assertThat(hub.client(agentToken).api("GET", "/api/dead-letters").status()).isEqualTo(403);

        try (var agent = io.contexthub.support.Agents.client(hub.base(), agentToken)) {
            agent.initialize();
            var result = agent.callTool(new io.modelcontextprotocol.spec.McpSchema.CallToolRequest(
                    "get_customer_context", Map.of("customer", "pkg.buyer@example.org", "max_tokens", 300)));
            assertThat(result.isError()).isFalse();
            assertThat(((io.modelcontextprotocol.spec.McpSchema.TextContent) result.content().get(0)).text())
                    .contains("[event:frontapp:msg_pkg1]").contains("customer:stripe:cus_pkg1");
        }
    }

    @Test
    @Order(6)
    void probesAndMetricsAnswer() {
        HubClient client = hub.client();
        assertThat(client.raw(get(client, "/actuator/health/liveness")).status()).isEqualTo(200);
        assertThat(client.raw(get(client, "/actuator/health/readiness")).status()).isEqualTo(200);
        var metrics = client.raw(get(client, "/actuator/prometheus"));
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("camel_exchanges");
        // what docker/prometheus/alerts.yml watches: every spool envelope of orders 1-4 is processed by now,
        // the breaker is closed, a webhook source has delivered, every sync stream has its gauges
        assertThat(metrics.body()).contains("hub_backlog_envelopes{bus=\"spool\"} 0.0")
                .contains("hub_circuit_breaker_open{breaker=\"process.breaker\"} 0.0")
                .contains("hub_source_last_staged_timestamp_seconds{source=\"frontapp\",tenant=\"default\"}")
                .contains("hub_sync_failing{connector=\"stripe\",stream=\"customers\",tenant=\"default\"} 0.0")
                .contains("hub_sync_lag_seconds{connector=\"hubspot\"")
                .contains("hub_sync_failing{connector=\"stripe\",stream=\"customers\",tenant=\"acme\"} 0.0");
        // the API's description and Swagger UI, its assets out of the webjar inside the jar
        assertThat(client.raw(get(client, "/api/openapi.json")).json().path("openapi").asText()).isEqualTo("3.1.0");
        String docs = client.raw(get(client, "/api/docs")).body();
        String bundle = docs.replaceAll("(?s).*src=\"([^\"]+swagger-ui-bundle\\.js)\".*", "$1");
        assertThat(client.raw(get(client, bundle)).status()).as(bundle).isEqualTo(200);
    }

    @Test
    @Order(6)
    void theStreamsTheDescriptorsInTheJarDeclareAreThereWithTheirSchedules() {
        HubClient client = hub.client();
        assertThat(client.stream("salesforce", "tasks").path("every").asText()).isEqualTo("PT15M");
        assertThat(client.stream("salesforce", "billing-invoices").path("enabled").asBoolean()).isFalse();
        assertThat(client.stream("frontapp", "events").path("every").asText()).isEqualTo("PT5M");
        assertThat(client.stream("hubspot", "deals").path("every").asText()).isEqualTo("PT15M");
        assertThat(client.stream("ga4", "reports").path("scheduled").asBoolean()).as("ga4 is not enabled").isFalse();
    }

    @Test
    @Order(7)
    void aGracefulStopFinishesWhatItAcceptedAndARestartKeepsEverything() {
        HubClient client = hub.client();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            byte[] body = FrontEvents.inbound("evt_term" + i, "msg_term" + i, "Refund request number " + i, null);
            assertThat(client.postFront(FrontEvents.SECRET, body).status()).isEqualTo(202);
            ids.add("event:frontapp:msg_term" + i);
        }
        // at once, while the batch is being embedded
        Duration stopping = hub.terminate(Duration.ofSeconds(45));
        assertThat(hub.log()).doesNotContain("Exception in thread");

        Duration restart = hub.start();
        HubClient after = hub.client();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(ids)
                .allSatisfy(id -> assertThat(after.api("GET", "/api/context/event/" + id).status()).as(id)
                        .isEqualTo(200)));
        assertThat(after.api("GET", "/api/context/event/event:frontapp:msg_pkg1").status()).isEqualTo(200);
        assertThat(after.postFront(FrontEvents.SECRET, FrontEvents.inbound("evt_pkg1", "msg_pkg1", "again", null))
                .json().path("status").asText()).isEqualTo("duplicate");
        assertThat(after.api("GET", "/api/dead-letters").json().path("deadLetters")).isEmpty();
        assertThat(hub.client(agentToken).api("GET", "/api/context/event/event:frontapp:msg_pkg1")
                .status()).as("an API key survives a restart").isEqualTo(200);
        System.out.printf("packaged jar: SIGTERM to exit %d ms, restart to ready %d ms%n", stopping.toMillis(),
                restart.toMillis());
    }

    @Test
    @Order(8)
    void crmSyncsRunFromTheJarIntoDealsTheirMovesAndCustomers() {
        CrmStubs.hubspotDeals(SAAS);
        CrmStubs.stripeCustomers(SAAS);
        HubClient client = hub.client();

        client.syncAndAwait("hubspot", "deals", "idle", Duration.ofSeconds(60));
        client.syncAndAwait("stripe", "customers", "idle", Duration.ofSeconds(60));

        // ids with a slash travel as %2F in the path
        String deal = "/api/context/deal/" + CrmStubs.KESTREL_DEAL.replace("/", "%2F");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(client.api("GET", deal).json().path("stage").path("label").asText()).isEqualTo("Contract Sent");
            assertThat(client.api("GET", "/api/context/event/" + CrmStubs.KESTREL_MOVE.replace("/", "%2F")).status())
                    .isEqualTo(200);
            assertThat(client.api("GET", "/api/context/customer/customer:stripe:cus_RkS7fQ2mXbT9wL").status())
                    .isEqualTo(200);
        });
        assertThat(client.api("GET", "/api/context/search?type=deal&status=open&source=hubspot").json()
                .path("hits").toString()).contains(CrmStubs.KESTREL_DEAL);
        assertThat(client.stream("hubspot", "deals").path("cursor").asText()).isEqualTo("1776247351440");
    }

    @Test
    @Order(9)
    void aPersonsDataIsExportedADeletionHoldsAndTheAuditTrailVerifies() {
        HubClient client = hub.client();
        var export = client.api("GET", "/api/subjects/priya.shah@example.net/export");
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.json().path("documents").toString()).contains("customer:stripe:cus_RkS7fQ2mXbT9wL");

        String deal = "/api/context/deal/" + CrmStubs.KESTREL_DEAL.replace("/", "%2F");
        assertThat(client.api("DELETE", deal + "?reason=test").status()).isEqualTo(204);
        assertThat(client.api("GET", deal).status()).isEqualTo(410);
        assertThat(client.api("GET", "/api/audit?limit=1000").body()).contains("document.deleted")
                .contains(CrmStubs.KESTREL_DEAL);
        assertThat(client.api("GET", "/api/audit/verify").json().path("valid").asBoolean()).isTrue();
        assertThat(hub.log()).contains("classpath:hub/routes/lifecycle.yaml");
    }

    @Test
    @Order(10)
    void aSecondTenantsWebhooksAndKeysStayInItsOwnWorkspace() throws Exception {
        ObjectNode event = (ObjectNode) Fixtures.load("stripe-customer-created.json").body().deepCopy();
        event.put("id", "evt_pkg_acme").put("created", Instant.now().getEpochSecond());
        ((ObjectNode) event.path("data").path("object")).put("id", "cus_pkg1").put("email", "acme.buyer@example.org")
                .put("name", "Acme Tenant Buyer");
        byte[] body = new ObjectMapper().writeValueAsBytes(event);
        HubClient bootstrap = hub.client();
        assertThat(bootstrap.post("/webhooks/acme/stripe", Map.of("Content-Type", "application/json",
                "Stripe-Signature", StripeSigner.header(STRIPE_SECRET, Instant.now().getEpochSecond(), body)), body)
                .status()).as("the default tenant's secret").isEqualTo(401);
        var staged = bootstrap.post("/webhooks/acme/stripe", Map.of("Content-Type", "application/json",
                "Stripe-Signature", StripeSigner.header(ACME_STRIPE_SECRET, Instant.now().getEpochSecond(), body)),
                body);
        assertThat(staged.status()).as(staged.body()).isEqualTo(202);

        var created = bootstrap.raw(java.net.http.HttpRequest.newBuilder(java.net.URI.create(hub.base() + "/api/keys"))
                .header("Authorization", "Bearer " + PackagedHub.API_TOKEN).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\": \"acme agent\", "
                        + "\"role\": \"reader\", \"tenant\": \"acme\"}")).build());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        HubClient acme = hub.client(created.json().path("token").asText());
        // the same customer id as the default tenant's, holding acme's customer
        JsonNode customer = await().atMost(Duration.ofSeconds(60))
                .until(() -> acme.api("GET", "/api/context/customer/customer:stripe:cus_pkg1"),
                        reply -> reply.status() == 200).json();
        assertThat(customer.toString()).contains("Acme Tenant Buyer").doesNotContain("Pkg.Buyer");
        assertThat(bootstrap.api("GET", "/api/context/customer/customer:stripe:cus_pkg1").body())
                .doesNotContain("Acme Tenant Buyer");
        assertThat(acme.search("Acme Tenant Buyer", null, 10).json().path("hits")).hasSize(1);
        assertThat(hub.client(agentToken).search("Acme Tenant Buyer", null, 10).body()).doesNotContain("Acme Tenant");
        assertThat(acme.raw(java.net.http.HttpRequest.newBuilder(java.net.URI.create(hub.base()
                + "/api/context/search?q=parcel")).header("Authorization", "Bearer " + created.json().path("token")
                .asText()).header("X-Hub-Tenant", "default").GET().build()).status()).isEqualTo(403);
    }

    @Test
    @Order(11)
    void aSecondTenantSyncsWithItsOwnCredentials() {
        ObjectNode customer = (ObjectNode) Fixtures.load("stripe-customer-created.json").body().at("/data/object")
                .deepCopy();
        customer.put("id", "cus_pkg_acme_sync").put("name", "Acme Synced Buyer").put("created", 1775466200L);
        ObjectNode page = new ObjectMapper().createObjectNode().put("object", "list").put("has_more", false);
        page.putArray("data").add(customer);
        SAAS.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/v1/customers")).atPriority(1)
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                        "Bearer " + ACME_STRIPE_KEY))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(page.toString())));
        var created = hub.client().raw(java.net.http.HttpRequest.newBuilder(java.net.URI.create(hub.base()
                        + "/api/keys")).header("Authorization", "Bearer " + PackagedHub.API_TOKEN)
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"name\": \"acme ops\", \"role\": \"operator\", \"tenant\": \"acme\"}")).build());
        HubClient acme = hub.client(created.json().path("token").asText());

        acme.syncAndAwait("stripe", "customers", "idle", Duration.ofSeconds(60));

        await().atMost(Duration.ofSeconds(60)).until(() -> acme.api("GET",
                "/api/context/customer/customer:stripe:cus_pkg_acme_sync").status() == 200);
        assertThat(hub.client().api("GET", "/api/context/customer/customer:stripe:cus_pkg_acme_sync").status())
                .isEqualTo(404);
    }

    static void awaitFound(HubClient client, String query, String id) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            var hits = client.search(query, "event", 3).json().path("hits");
            assertThat(hits.size()).isPositive();
            assertThat(hits.get(0).path("id").asText()).isEqualTo(id);
        });
    }

    static java.net.http.HttpRequest get(HubClient client, String path) {
        return java.net.http.HttpRequest.newBuilder(java.net.URI.create(client.base() + path)).GET().build();
    }
}
