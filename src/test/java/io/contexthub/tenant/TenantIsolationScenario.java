package io.contexthub.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.access.Grant;
import io.contexthub.support.Agents;
import io.contexthub.support.ApiRoutes;
import io.contexthub.support.Fixtures;
import io.contexthub.support.HubClient;
import io.contexthub.support.HubTest;
import io.contexthub.support.StripeSigner;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Tenants on one hub, through its real HTTP port: each posts to its own webhook endpoints with its own secrets, and
 * whatever one tenant's keys ask — search, a document by id, a customer's context, dead letters, a subject export,
 * MCP tools — never returns another tenant's data, even where both hold documents with the same ids and the same
 * person. The documents are random (the seed is in every assertion's description), so each run tries other
 * collisions. Run on each store by a subclass.
 */
@HubTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = {
        "hub.api.token=" + TenantIsolationScenario.TOKEN,
        "hub.webhooks.senders.shop.secret=" + TenantIsolationScenario.DEFAULT_SHOP,
        "hub.webhooks.stripe.secret=whsec_stripe_default",
        "hub.tenants.acme.webhooks.senders.shop.secret=" + TenantIsolationScenario.ACME_SHOP,
        "hub.tenants.acme.webhooks.stripe.secret=whsec_stripe_acme",
        "hub.tenants.globex.webhooks.senders.shop.secret=" + TenantIsolationScenario.GLOBEX_SHOP,
        "hub.tenants.globex.webhooks.stripe.secret=whsec_stripe_globex",
        "hub.tenants.tiny.webhooks.senders.shop.secret=" + TenantIsolationScenario.TINY_SHOP,
        "hub.tenants.tiny.max-documents=3",
        "hub.tenants.busy.webhooks.senders.shop.secret=" + TenantIsolationScenario.BUSY_SHOP,
        "hub.tenants.busy.webhook-requests-per-second=2",
        "hub.tenants.busy.requests-per-minute=3"})
abstract class TenantIsolationScenario {

    static final String TOKEN = "tenant-bootstrap-token";
    static final String DEFAULT_SHOP = "whsec_ZGVmYXVsdC1zaG9wLXNpZ25pbmcta2V5LTAwMDAwMDA=";
    static final String ACME_SHOP = "whsec_YWNtZS1zaG9wLXNpZ25pbmcta2V5LTAwMDAwMDAwMDA=";
    static final String GLOBEX_SHOP = "whsec_Z2xvYmV4LXNob3Atc2lnbmluZy1rZXktMDAwMDAwMDA=";
    static final String TINY_SHOP = "whsec_dGlueS1zaG9wLXNpZ25pbmcta2V5LTAwMDAwMDAwMDA=";
    static final String BUSY_SHOP = "whsec_YnVzeS1zaG9wLXNpZ25pbmcta2V5LTAwMDAwMDAwMDA=";
    static final List<String> ISOLATED = List.of(Tenants.DEFAULT, "acme", "globex");
    static final Map<String, String> SHOP_SECRETS = Map.of(Tenants.DEFAULT, DEFAULT_SHOP, "acme", ACME_SHOP,
            "globex", GLOBEX_SHOP, "tiny", TINY_SHOP, "busy", BUSY_SHOP);
    static final Duration PROCESSING = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    CamelContext camel;

    final long seed = System.nanoTime();
    final Random random = new Random(seed);
    /** Per tenant: the event ids it was sent, its dead letters' count, its readers' and admins' tokens. */
    final Map<String, Set<String>> events = new HashMap<>();
    final Map<String, Integer> poisoned = new HashMap<>();
    final Map<String, String> readers = new HashMap<>();
    final Map<String, String> admins = new HashMap<>();
    final List<String> people = List.of("ann@example.com", "bob@example.com", "cy@example.com");

    /** A word only this tenant's documents carry. */
    static String marker(String tenant) {
        return "marker" + tenant.replace("-", "");
    }

    @BeforeAll
    void documentsOfThreeTenants() {
        for (String tenant : ISOLATED) {
            events.put(tenant, new TreeSet<>());
            poisoned.put(tenant, 0);
            readers.put(tenant, key(tenant, "reader"));
            admins.put(tenant, key(tenant, "admin"));
            // the same Stripe customer id in every tenant, holding the same person
            for (int i = 0; i < people.size(); i++) {
                assertThat(postStripeCustomer(tenant, "cus_shared" + i, people.get(i)).status())
                        .as("seed %d", seed).isEqualTo(202);
            }
        }
        int sent = 0;
        while (sent < 45) {
            String tenant = ISOLATED.get(random.nextInt(ISOLATED.size()));
            // ids overlap across tenants: msg_0.. in each of them
            String id = "msg_" + events.get(tenant).size();
            boolean poison = random.nextInt(8) == 0;
            String person = people.get(random.nextInt(people.size()));
            String body = "{\"type\":\"order.placed\",\"timestamp\":\"" + (poison ? "not-a-time"
                    : "2026-11-2" + random.nextInt(9) + "T10:00:00Z") + "\",\"data\":{\"email\":\"" + person
                    + "\",\"note\":\"" + marker(tenant) + " parcel " + random.nextInt(1000) + "\"}}";
            HubClient.Reply reply = postShop(tenant, SHOP_SECRETS.get(tenant), id, body);
            assertThat(reply.status()).as("seed %d: %s", seed, reply.body()).isEqualTo(202);
            if (poison) {
                poisoned.merge(tenant, 1, Integer::sum);
                events.get(tenant).add(id + "#poison");
            } else {
                events.get(tenant).add(id);
            }
            sent++;
        }
        for (String tenant : ISOLATED) {
            long expected = events.get(tenant).stream().filter(id -> !id.endsWith("#poison")).count();
            await().atMost(PROCESSING).untilAsserted(() -> {
                assertThat(as(readers.get(tenant)).api("GET", "/api/context/search?type=event&k=100").json()
                        .path("hits").size()).as("seed %d: events of %s", seed, tenant).isEqualTo((int) expected);
                assertThat(as(admins.get(tenant)).api("GET", "/api/dead-letters").json().path("deadLetters").size())
                        .as("seed %d: dead letters of %s", seed, tenant).isEqualTo(poisoned.get(tenant));
            });
        }
    }

    @Test
    void noSearchContextDeadLetterOrExportOfOneTenantReturnsAnothersData() {
        Map<String, String> letters = new HashMap<>();
        for (String tenant : ISOLATED) {
            HubClient reader = as(readers.get(tenant));
            HubClient admin = as(admins.get(tenant));
            String description = "seed " + seed + ", tenant " + tenant;
            for (String other : ISOLATED) {
                for (JsonNode hit : reader.search(marker(other) + " parcel", null, 50).json().path("hits")) {
                    assertOwn(tenant, hit.path("document"), description + ", searching " + other);
                }
            }
            for (int i = 0; i < 20; i++) {
                String id = "msg_" + i;
                HubClient.Reply document = reader.api("GET", "/api/context/event/" + enc("event:shop:" + id));
                boolean mine = events.get(tenant).contains(id);
                assertThat(document.status()).as(description + ", " + id + ": " + document.body() + " of "
                        + events.get(tenant)).isEqualTo(mine ? 200 : 404);
                if (mine) {
                    assertOwn(tenant, document.json(), description + ", " + id);
                }
            }
            for (String person : people) {
                HubClient.Reply context = reader.api("GET", "/api/customers/" + enc(person) + "/context");
                assertThat(context.status()).as(description + ", " + person).isEqualTo(200);
                assertThat(context.json().path("records")).hasSize(1);
                assertOwn(tenant, context.json().path("records").path(0), description + ", " + person);
                context.json().path("timeline").path("events")
                        .forEach(event -> assertOwn(tenant, event, description + ", timeline of " + person));
                HubClient.Reply export = admin.api("GET", "/api/subjects/" + enc(person) + "/export");
                assertThat(export.status()).as(description + ", export of " + person).isEqualTo(200);
                export.json().path("documents").forEach(d -> assertOwn(tenant, d, description + ", export"));
            }
            for (JsonNode letter : admin.api("GET", "/api/dead-letters").json().path("deadLetters")) {
                assertThat(letter.path("tenant").asText()).as(description).isEqualTo(tenant);
                letters.put(letter.path("id").asText(), tenant);
            }
        }
        // a dead letter is readable by its own tenant's operators only
        letters.forEach((id, owner) -> {
            for (String tenant : ISOLATED) {
                HubClient.Reply letter = as(admins.get(tenant)).api("GET", "/api/dead-letters/" + id);
                assertThat(letter.status()).as("seed %d, letter of %s read by %s", seed, owner, tenant)
                        .isEqualTo(tenant.equals(owner) ? 200 : 404);
                if (tenant.equals(owner)) {
                    assertOwn(tenant, letter.json(), "seed " + seed + ", letter " + id);
                }
            }
        });
    }

    @Test
    void anAgentsMcpToolsSeeOnlyItsTenant() {
        for (String tenant : ISOLATED) {
            McpSyncClient agent = Agents.client("http://localhost:" + port, readers.get(tenant));
            agent.initialize();
            try {
                McpSchema.CallToolResult result = agent.callTool(new McpSchema.CallToolRequest("search_context",
                        Map.of("query", "parcel", "k", 50)));
                String text = ((McpSchema.TextContent) result.content().get(0)).text();
                assertThat(result.isError()).as(text).isFalse();
                assertThat(text).as("seed %d, tenant %s", seed, tenant).contains(marker(tenant));
                ISOLATED.stream().filter(other -> !other.equals(tenant))
                        .forEach(other -> assertThat(text).doesNotContain(marker(other)));
            } finally {
                agent.closeGracefully();
            }
        }
    }

    @Test
    void aKeyWorksOnlyInItsOwnTenant() {
        Set<String> routes = new TreeSet<>();
        ApiRoutes.of(camel).forEach(route -> routes.add(route.replaceAll("\\{[^}]+}", "x")));
        assertThat(routes).hasSizeGreaterThan(20);
        for (String route : routes) {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1);
            for (String token : List.of(admins.get("acme"), readers.get("acme"))) {
                HubClient.Reply reply = send(token, method, path, Map.of(Grant.TENANT_HEADER, "globex"));
                assertThat(reply.status()).as(route + ": " + reply.body()).isEqualTo(403);
            }
            assertThat(send(TOKEN, method, path, Map.of(Grant.TENANT_HEADER, "nosuch")).status()).as(route)
                    .isEqualTo(403);
        }
        // nor over MCP
        for (String token : List.of(admins.get("acme"), readers.get("acme"))) {
            McpSyncClient agent = Agents.client("http://localhost:" + port, token,
                    Map.of(Grant.TENANT_HEADER, "globex"));
            try {
                org.assertj.core.api.Assertions.assertThatThrownBy(agent::initialize)
                        .isInstanceOf(RuntimeException.class);
            } finally {
                agent.closeGracefully();
            }
        }
        // a tenant's admin cannot make or see keys of another tenant
        assertThat(createKey(admins.get("acme"), "{\"name\": \"x\", \"role\": \"reader\", \"tenant\": \"globex\"}")
                .status()).isEqualTo(403);
        assertThat(as(admins.get("acme")).api("GET", "/api/keys").json().path("keys")).allSatisfy(
                key -> assertThat(key.path("tenant").asText()).isEqualTo("acme"));
        String globexKey = readers.get("globex").substring(4, 20);
        assertThat(as(admins.get("acme")).api("GET", "/api/keys/" + globexKey).status()).isEqualTo(404);
        assertThat(as(admins.get("acme")).api("DELETE", "/api/keys/" + globexKey).status()).isEqualTo(404);
        // an admin key of every tenant picks one per request, the default tenant when it names none
        String everywhere = createKey(TOKEN, "{\"name\": \"platform\", \"role\": \"admin\", \"tenant\": \"*\"}")
                .json().path("token").asText();
        for (String tenant : ISOLATED) {
            HubClient.Reply listing = send(everywhere, "GET", "/api/context/search?type=event&k=100",
                    Tenants.DEFAULT.equals(tenant) ? Map.of() : Map.of(Grant.TENANT_HEADER, tenant));
            assertThat(listing.status()).isEqualTo(200);
            listing.json().path("hits").forEach(hit -> assertOwn(tenant, hit.path("document"), "everywhere"));
        }
        assertThat(createKey(TOKEN, "{\"name\": \"y\", \"role\": \"reader\", \"tenant\": \"*\"}").status())
                .isEqualTo(400);
    }

    @Test
    void aTenantsWebhookSecretsAreItsOwn() {
        String body = "{\"type\":\"order.placed\",\"timestamp\":\"2026-11-20T10:00:00Z\",\"data\":{}}";
        assertThat(postShop("globex", ACME_SHOP, "msg_x", body).status()).isEqualTo(401);
        assertThat(postShop(Tenants.DEFAULT, ACME_SHOP, "msg_x", body).status()).isEqualTo(401);
        assertThat(postShop("acme", DEFAULT_SHOP, "msg_x", body).status()).isEqualTo(401);
        HubClient.Reply unknown = postShop("nosuch", ACME_SHOP, "msg_x", body);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("error").asText()).isEqualTo("not_found");
    }

    @Test
    void aTenantBeyondItsDocumentsKeepsWhatItHasAndDeadLettersTheRest() {
        for (int i = 0; i < 5; i++) {
            String body = "{\"type\":\"order.placed\",\"timestamp\":\"2026-11-20T10:00:00Z\",\"data\":{\"note\":\""
                    + marker("tiny") + " " + i + "\"}}";
            assertThat(postShop("tiny", TINY_SHOP, "msg_" + i, body).status()).isEqualTo(202);
        }
        HubClient tiny = as(key("tiny", "admin"));
        await().atMost(PROCESSING).untilAsserted(() -> assertThat(tiny.api("GET", "/api/dead-letters").json()
                .path("deadLetters")).hasSize(2));
        assertThat(tiny.api("GET", "/api/context/search?type=event&k=100").json().path("hits")).hasSize(3);
        assertThat(tiny.api("GET", "/api/dead-letters").json().path("deadLetters").path(0).path("cause")
                .path("message").asText()).contains("hub.tenants.tiny.max-documents");
    }

    @Test
    void aTenantsRequestRatesAreLimitedOnTheirOwn() {
        String body = "{\"type\":\"order.placed\",\"timestamp\":\"2026-11-20T10:00:00Z\",\"data\":{}}";
        List<Integer> statuses = new ArrayList<>();
        HubClient.Reply throttled = null;
        for (int i = 0; i < 10; i++) {
            HubClient.Reply reply = postShop("busy", BUSY_SHOP, "msg_" + i, body);
            statuses.add(reply.status());
            if (reply.status() == 429) {
                throttled = reply;
            }
        }
        assertThat(statuses).as("2 per second for tenant busy").contains(429).contains(202);
        assertThat(throttled.response().headers().firstValue("Retry-After")).isPresent();
        // the other tenants are not held back by busy's limit
        assertThat(postShop("acme", ACME_SHOP, "msg_unthrottled", body.replace("{}",
                "{\"note\":\"" + marker("acme") + "\"}")).status()).isEqualTo(202);
        events.get("acme").add("msg_unthrottled");

        HubClient busy = as(key("busy", "reader"));
        List<Integer> api = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            api.add(busy.api("GET", "/api/context/search?type=event&k=1").status());
        }
        assertThat(api).containsExactly(200, 200, 200, 429);
    }

    private void assertOwn(String tenant, JsonNode document, String description) {
        String text = document.toString();
        for (String other : ISOLATED) {
            if (!other.equals(tenant)) {
                assertThat(text).as(description).doesNotContain(marker(other));
            }
        }
        assertThat(text).as(description).contains(marker(tenant));
    }

    private String key(String tenant, String role) {
        HubClient.Reply reply = createKey(TOKEN, "{\"name\": \"" + tenant + " " + role + "\", \"role\": \"" + role
                + "\", \"tenant\": \"" + tenant + "\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.json().path("tenant").asText()).isEqualTo(tenant);
        return reply.json().path("token").asText();
    }

    private HubClient.Reply createKey(String token, String body) {
        return as(token).raw(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/keys"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HubClient.Reply send(String token, String method, String path, Map<String, String> headers) {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, "GET".equals(method) || "DELETE".equals(method) ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{}"));
        headers.forEach(request::header);
        return as(token).raw(request.build());
    }

    private HubClient as(String token) {
        return new HubClient(port, token);
    }

    private HubClient.Reply postShop(String tenant, String secret, String id, String body) {
        long timestamp = System.currentTimeMillis() / 1000;
        String signature;
        try {
            signature = new com.standardwebhooks.Webhook(secret).sign(id, timestamp, body);
        } catch (com.standardwebhooks.exceptions.WebhookSigningException e) {
            throw new IllegalStateException(e);
        }
        String path = Tenants.DEFAULT.equals(tenant) ? "/webhooks/shop" : "/webhooks/" + tenant + "/shop";
        return as(TOKEN).post(path, Map.of("content-type", "application/json", "webhook-id", id,
                "webhook-timestamp", Long.toString(timestamp), "webhook-signature", signature),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private HubClient.Reply postStripeCustomer(String tenant, String customerId, String email) {
        ObjectNode event = Fixtures.load("stripe-customer-created.json").body().deepCopy();
        event.put("id", "evt_" + customerId);
        ObjectNode customer = (ObjectNode) event.path("data").path("object");
        customer.put("id", customerId);
        customer.put("email", email);
        customer.put("name", marker(tenant) + " " + email.substring(0, email.indexOf('@')));
        customer.putObject("metadata");
        byte[] body = event.toString().getBytes(StandardCharsets.UTF_8);
        String path = Tenants.DEFAULT.equals(tenant) ? "/webhooks/stripe" : "/webhooks/" + tenant + "/stripe";
        String secret = "whsec_stripe_" + tenant;
        return as(TOKEN).post(path, Map.of("content-type", "application/json", "stripe-signature",
                StripeSigner.header(secret, System.currentTimeMillis() / 1000, body)), body);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

}
