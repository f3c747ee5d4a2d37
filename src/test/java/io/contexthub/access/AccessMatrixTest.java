package io.contexthub.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.embedding.Embedder;
import io.contexthub.store.ContextDocument;
import io.contexthub.store.ContextStore;
import io.contexthub.support.Agents;
import io.contexthub.support.ApiRoutes;
import io.contexthub.support.HubClient;
import io.contexthub.support.ReaderHubTest;
import io.contexthub.support.StoredDocuments;
import io.micrometer.core.instrument.MeterRegistry;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Who may call what: every HTTP route and every MCP tool, tried with a key of each role, a scoped reader, a revoked
 * key, a wrong token and none, against the expected matrix written out here (independently of AccessPolicy). A
 * route the matrix does not list fails the test, so a new endpoint cannot ship without a decision.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ReaderHubTest
class AccessMatrixTest {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Method and route path → the least role, whether a scoped reader may, and a request that changes nothing. */
    static final Map<String, Expected> MATRIX = new LinkedHashMap<>();

    static {
        expect("GET /api/context/search", Role.READER, true, "/api/context/search?q=parcel");
        expect("GET /api/context/{type}/{id}", Role.READER, true, "/api/context/event/event:frontapp:msg_am1");
        expect("DELETE /api/context/{type}/{id}", Role.ADMIN, false, "/api/context/event/event:frontapp:nope");
        expect("GET /api/customers/{id}/context", Role.READER, true, "/api/customers/ana@matrix.example/context");
        expect("GET /api/connectors", Role.READER, true, "/api/connectors");
        expect("POST /api/connectors/{name}/sync", Role.OPERATOR, false, "/api/connectors/nope/sync");
        expect("GET /api/dead-letters", Role.OPERATOR, false, "/api/dead-letters");
        expect("GET /api/sources", Role.READER, false, "/api/sources");
        expect("GET /api/connectors/{name}/streams/{stream}/runs", Role.READER, true,
                "/api/connectors/stripe/streams/invoices/runs");
        expect("POST /api/mappings/dry-run", Role.OPERATOR, false, "/api/mappings/dry-run");
        expect("GET /api/dead-letters/{id}", Role.OPERATOR, false, "/api/dead-letters/nope");
        expect("POST /api/dead-letters/{id}/redrive", Role.OPERATOR, false, "/api/dead-letters/nope/redrive");
        expect("POST /api/dead-letters/redrive", Role.OPERATOR, false, "/api/dead-letters/redrive");
        expect("POST /api/dead-letters/purge", Role.OPERATOR, false, "/api/dead-letters/purge");
        expect("GET /api/profiles/{id}", Role.READER, false, "/api/profiles/ana@matrix.example");
        expect("GET /api/identity-links/{linkId}", Role.READER, false, "/api/identity-links/nope");
        expect("DELETE /api/identity-links/{linkId}", Role.OPERATOR, false, "/api/identity-links/nope");
        expect("POST /api/identity/rebuild", Role.OPERATOR, false, "/api/identity/rebuild");
        expect("POST /api/erasures", Role.ADMIN, false, "/api/erasures");
        expect("GET /api/erasures/{id}", Role.ADMIN, false, "/api/erasures/era_nope");
        expect("GET /api/subjects/{identifier}/export", Role.ADMIN, false, "/api/subjects/nobody@matrix.example/export");
        expect("GET /api/audit", Role.ADMIN, false, "/api/audit");
        expect("GET /api/audit/verify", Role.ADMIN, false, "/api/audit/verify");
        expect("GET /api/connections", Role.OPERATOR, false, "/api/connections");
        expect("POST /api/connections/{name}/authorize", Role.ADMIN, false, "/api/connections/nope/authorize");
        expect("POST /api/connections/{name}/token", Role.ADMIN, false, "/api/connections/nope/token");
        expect("PUT /api/connections/{name}", Role.ADMIN, false, "/api/connections/nope");
        expect("DELETE /api/connections/{name}", Role.ADMIN, false, "/api/connections/nope");
        expect("GET /api/keys", Role.ADMIN, false, "/api/keys");
        expect("POST /api/keys", Role.ADMIN, false, "/api/keys");
        expect("GET /api/keys/{id}", Role.ADMIN, false, "/api/keys/0000000000000000");
        expect("DELETE /api/keys/{id}", Role.ADMIN, false, "/api/keys/0000000000000000");
        expect("POST /api/keys/{id}/rotate", Role.ADMIN, false, "/api/keys/0000000000000000/rotate");
        // public: the API's description and its Swagger UI page
        expect("GET /api/openapi.json", null, true, "/api/openapi.json");
        expect("GET /api/docs", null, true, "/api/docs");
    }

    @LocalServerPort
    int port;
    @Autowired
    CamelContext camel;
    @Autowired
    ContextStore store;
    @Autowired
    Embedder embedder;
    @Autowired
    MeterRegistry meters;

    final Map<String, String> tokens = new LinkedHashMap<>();
    final Map<String, Role> roles = new LinkedHashMap<>();
    String revoked;

    @BeforeAll
    void keysAndDocuments() {
        store.upsert(List.of(
                doc("customer", "stripe", "cus_AM1", "Ana Matrix", ",\"name\":\"Ana Matrix\","
                        + "\"emails\":[\"ana@matrix.example\"]"),
                doc("event", "frontapp", "msg_am1", "My parcel never arrived at the matrix office",
                        ",\"eventType\":\"message.received\",\"occurredAt\":\"2026-05-02T09:00:00Z\","
                                + "\"customer\":{\"id\":\"customer:stripe:cus_AM1\"}"),
                doc("event", "hubspot", "note_am1", "Call note: parcel complaint discussed with the matrix office",
                        ",\"eventType\":\"note.created\",\"occurredAt\":\"2026-05-03T09:00:00Z\","
                                + "\"customer\":{\"id\":\"customer:stripe:cus_AM1\"}"),
                doc("invoice", "stripe", "in_am1", "Invoice for the matrix parcel", ",\"status\":\"open\","
                        + "\"currency\":\"usd\",\"total\":900,\"amountRemaining\":900,"
                        + "\"issuedAt\":\"2026-05-01T00:00:00Z\",\"customer\":{\"id\":\"customer:stripe:cus_AM1\"}")));
        for (Role role : Role.values()) {
            tokens.put(role.id(), create("{\"name\": \"matrix " + role.id() + "\", \"role\": \"" + role.id() + "\"}"));
            roles.put(role.id(), role);
        }
        tokens.put("scoped reader", create("{\"name\": \"support agent\", \"role\": \"reader\", "
                + "\"scope\": {\"types\": [\"event\"], \"sources\": [\"frontapp\"]}}"));
        roles.put("scoped reader", Role.READER);
        tokens.put("bootstrap", ReaderHubTest.TOKEN);
        roles.put("bootstrap", Role.ADMIN);
        revoked = create("{\"name\": \"leaked\", \"role\": \"admin\"}");
        String id = revoked.substring(4, 20);
        assertThat(admin().api("DELETE", "/api/keys/" + id).status()).isEqualTo(204);
    }

    @Test
    void everyRouteIsInTheMatrix() {
        Set<String> routes = ApiRoutes.of(camel);
        assertThat(routes).hasSizeGreaterThan(20);
        assertThat(MATRIX.keySet()).containsExactlyInAnyOrderElementsOf(routes);
    }

    @Test
    void eachRoleReachesExactlyItsEndpoints() {
        for (var entry : MATRIX.entrySet()) {
            String method = entry.getKey().substring(0, entry.getKey().indexOf(' '));
            Expected expected = entry.getValue();
            for (var caller : tokens.entrySet()) {
                boolean scoped = caller.getKey().equals("scoped reader");
                boolean allowed = expected.role() == null || roles.get(caller.getKey()).covers(expected.role())
                        && (!scoped || expected.scopedReaders());
                HubClient.Reply reply = new HubClient(port, caller.getValue()).api(method, expected.example());
                String what = caller.getKey() + " → " + entry.getKey() + ": " + reply.body();
                if (allowed) {
                    assertThat(reply.status()).as(what).isNotIn(401, 403).isLessThan(500);
                } else {
                    assertThat(reply.status()).as(what).isEqualTo(403);
                    assertThat(reply.json().path("error").asText()).as(what).isEqualTo("forbidden");
                    assertThat(reply.json().path("detail").asText()).as(what).isNotBlank();
                }
            }
        }
    }

    @Test
    void withoutAValidTokenEveryEndpointAnswers401() {
        for (var entry : MATRIX.entrySet()) {
            String method = entry.getKey().substring(0, entry.getKey().indexOf(' '));
            String path = entry.getValue().example();
            for (String token : new String[] {null, "not-a-key", "chk_0000000000000000_" + "A".repeat(43), revoked}) {
                var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .method(method, HttpRequest.BodyPublishers.noBody());
                if (token != null) {
                    request.header("Authorization", "Bearer " + token);
                }
                HubClient.Reply reply = admin().raw(request.build());
                if (token == null && entry.getValue().role() == null) {
                    assertThat(reply.status()).as("public " + entry.getKey()).isEqualTo(200);
                    continue;
                }
                assertThat(reply.status()).as(token + " → " + entry.getKey()).isEqualTo(401);
                assertThat(reply.json().path("error").asText()).isEqualTo("unauthorized");
            }
        }
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/connectors"))
                .header("Authorization", "Bearer " + revoked).GET().build();
        assertThat(admin().raw(request).json().path("detail").asText()).contains("was revoked at");
        assertThat(meters.get("hub.access.refused").tag("reason", "invalid_token").counter().count())
                .isGreaterThanOrEqualTo(3.0 * MATRIX.size());
        assertThat(meters.get("hub.access.refused").tag("reason", "no_token").counter().count())
                .isGreaterThanOrEqualTo(MATRIX.size() - 2);
    }

    @Test
    void aScopedReaderSeesOnlyItsSourcesAndKindsEverywhere() {
        HubClient scoped = new HubClient(port, tokens.get("scoped reader"));
        JsonNode hits = scoped.api("GET", "/api/context/search?q=parcel&k=50").json().path("hits");
        assertThat(hits).extracting(hit -> hit.path("id").asText()).containsExactly("event:frontapp:msg_am1");
        assertThat(scoped.api("GET", "/api/context/search?customer=ana@matrix.example&k=50").json().path("hits"))
                .extracting(hit -> hit.path("id").asText()).containsExactly("event:frontapp:msg_am1");

        HubClient.Reply invoice = scoped.api("GET", "/api/context/invoice/invoice:stripe:in_am1");
        assertThat(invoice.status()).isEqualTo(403);
        assertThat(invoice.json().path("error").asText()).isEqualTo("outside_scope");
        assertThat(scoped.api("GET", "/api/context/search?q=parcel&type=invoice").status()).isEqualTo(403);
        assertThat(scoped.api("GET", "/api/context/search?q=parcel&source=hubspot").status()).isEqualTo(403);

        JsonNode context = scoped.api("GET", "/api/customers/ana@matrix.example/context").json();
        assertThat(context.path("records")).isEmpty();
        assertThat(context.path("timeline").path("events")).extracting(e -> e.path("id").asText())
                .containsExactly("event:frontapp:msg_am1");
        assertThat(context.path("invoices").path("items")).isEmpty();
        assertThat(context.has("links")).isFalse();
        assertThat(context.path("freshness").has("stripe")).isFalse();

        // a customer known only outside the scope is not known at all
        store.upsert(List.of(doc("customer", "stripe", "cus_AM2", "Bo Outside", ",\"name\":\"Bo Outside\","
                + "\"emails\":[\"bo@matrix.example\"]")));
        assertThat(new HubClient(port, tokens.get("reader")).api("GET", "/api/customers/bo@matrix.example/context")
                .status()).isEqualTo(200);
        HubClient.Reply unknown = scoped.api("GET", "/api/customers/bo@matrix.example/context");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("error").asText()).isEqualTo("unknown_customer");

        // the same customer through an unscoped reader: everything
        JsonNode full = new HubClient(port, tokens.get("reader")).api("GET",
                "/api/customers/ana@matrix.example/context").json();
        assertThat(full.path("timeline").path("events")).hasSize(2);
        assertThat(full.path("invoices").path("items")).hasSize(1);
    }

    @Test
    void aKeyRequestThatCannotBeHonouredIsABadRequestSayingWhy() {
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("{not json", "malformed_json");
        refused.put("[]", "malformed_json");
        refused.put("{\"role\": \"reader\"}", "invalid_name");
        refused.put("{\"name\": \"x\", \"role\": \"superuser\"}", "invalid_role");
        refused.put("{\"name\": \"x\", \"role\": \"admin\", \"scope\": {\"sources\": [\"frontapp\"]}}",
                "invalid_scope");
        refused.put("{\"name\": \"x\", \"role\": \"reader\", \"scope\": {\"types\": [\"ticket\"]}}",
                "invalid_scope");
        refused.put("{\"name\": \"x\", \"role\": \"reader\", \"expiresAt\": \"2020-01-01T00:00:00Z\"}",
                "invalid_expiry");
        refused.put("{\"name\": \"x\", \"role\": \"reader\", \"expiresAt\": \"next week\"}", "invalid_expiry");
        refused.put("{\"name\": \"x\", \"role\": \"reader\", \"requestsPerMinute\": 0}", "invalid_quota");
        refused.forEach((body, error) -> {
            var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/keys"))
                    .header("Authorization", "Bearer " + ReaderHubTest.TOKEN)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
            HubClient.Reply reply = admin().raw(request);
            assertThat(reply.status()).as(body + " → " + reply.body()).isEqualTo(400);
            assertThat(reply.json().path("error").asText()).as(body).isEqualTo(error);
        });
        assertThat(admin().api("POST", "/api/keys/0000000000000000/rotate?grace=P30D").json().path("error").asText())
                .isEqualTo("invalid_grace");
    }

    @Test
    void webhooksNeverPassThroughTheApisSecurityFilter() {
        HubClient.Reply webhook = admin().post("/webhooks/frontapp", Map.of(), "{}".getBytes());
        assertThat(webhook.status()).isLessThan(500);
        assertThat(webhook.response().headers().firstValue("X-Frame-Options")).isEmpty();
        assertThat(admin().api("GET", "/api/connectors").response().headers().firstValue("X-Frame-Options"))
                .hasValue("DENY");
    }

    @Test
    void aKeyPastItsQuotaIsAnswered429WithRetryAfterAndOthersAreNotAffected() {
        String limited = create("{\"name\": \"chatty agent\", \"role\": \"reader\", \"requestsPerMinute\": 3}");
        HubClient agent = new HubClient(port, limited);
        for (int i = 0; i < 3; i++) {
            assertThat(agent.api("GET", "/api/connectors").status()).isEqualTo(200);
        }
        HubClient.Reply throttled = agent.api("GET", "/api/connectors");
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.json().path("error").asText()).isEqualTo("rate_limited");
        assertThat(throttled.response().headers().firstValue("Retry-After").map(Long::parseLong))
                .hasValueSatisfying(seconds -> assertThat(seconds).isBetween(1L, 60L));
        assertThat(new HubClient(port, tokens.get("reader")).api("GET", "/api/connectors").status()).isEqualTo(200);

        String id = limited.substring(4, 20);
        assertThat(admin().api("GET", "/api/keys/" + id).json().path("requestsPerMinute").asInt()).isEqualTo(3);
        assertThat(meters.get("hub.access.requests").tag("key", "key:" + id).tag("outcome", "throttled").counter()
                .count()).isEqualTo(1.0);
    }

    @Test
    void everyMcpToolAnswersEachRoleWithinItsScopeAndNobodyWithoutAKey() throws Exception {
        for (var caller : tokens.entrySet()) {
            McpSyncClient agent = agent(caller.getValue());
            try {
                agent.initialize();
                boolean scoped = caller.getKey().equals("scoped reader");
                JsonNode search = tool(agent, "search_context", Map.of("query", "matrix parcel", "k", 100), false);
                List<String> ids = new java.util.ArrayList<>();
                search.path("hits").forEach(hit -> ids.add(hit.path("id").asText()));
                if (scoped) {
                    assertThat(ids).contains("event:frontapp:msg_am1").allMatch(id -> id.startsWith("event:frontapp:"));
                } else {
                    assertThat(ids).as(caller.getKey()).contains("event:frontapp:msg_am1", "event:hubspot:note_am1",
                            "invoice:stripe:in_am1");
                }
                JsonNode context = tool(agent, "get_customer_context", Map.of("customer", "ana@matrix.example"),
                        false);
                assertThat(context.path("invoices").path("items")).hasSize(scoped ? 0 : 1);
                tool(agent, "get_document", Map.of("id", "invoice:stripe:in_am1"), scoped);
                tool(agent, "source_status", Map.of(), false);
            } finally {
                agent.closeGracefully();
            }
        }
        for (String token : new String[] {null, "not-a-key", revoked}) {
            McpSyncClient stranger = agent(token);
            assertThatThrownBy(stranger::initialize).as(String.valueOf(token)).isInstanceOf(RuntimeException.class);
            stranger.closeGracefully();
        }
    }

    private JsonNode tool(McpSyncClient agent, String name, Map<String, Object> arguments, boolean refused)
            throws Exception {
        McpSchema.CallToolResult result = agent.callTool(new McpSchema.CallToolRequest(name, arguments));
        String text = ((McpSchema.TextContent) result.content().get(0)).text();
        assertThat(result.isError()).as(name + ": " + text).isEqualTo(refused);
        if (refused) {
            assertThat(text).startsWith("outside_scope");
            return null;
        }
        return JSON.readTree(text);
    }

    private McpSyncClient agent(String token) {
        return Agents.client("http://localhost:" + port, token);
    }

    private String create(String body) {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/keys"))
                .header("Authorization", "Bearer " + ReaderHubTest.TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HubClient.Reply reply = admin().raw(request);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().path("token").asText();
    }

    private HubClient admin() {
        return new HubClient(port, ReaderHubTest.TOKEN);
    }

    private ContextDocument doc(String type, String source, String sourceId, String text, String fields) {
        return StoredDocuments.of(embedder, type, source, sourceId, text, "2026-06-01T08:00:00Z", fields);
    }

    private static void expect(String route, Role role, boolean scopedReaders, String example) {
        MATRIX.put(route, new Expected(role, scopedReaders, example));
    }

    record Expected(Role role, boolean scopedReaders, String example) {
    }
}
