package io.contexthub.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.embedding.Embedder;
import io.contexthub.store.ContextDocument;
import io.contexthub.store.ContextStore;
import io.contexthub.support.Agents;
import io.contexthub.support.ReaderHubTest;
import io.contexthub.support.StoredDocuments;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An agent's view of the hub through the official MCP Java SDK client over streamable HTTP: it connects with the
 * bearer token, lists the tools and calls each one; without the token it is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ReaderHubTest
class McpServerTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    ContextStore store;
    @Autowired
    Embedder embedder;

    McpSyncClient agent;

    McpSyncClient client(String token) {
        return Agents.client("http://localhost:" + port, token);
    }

    ContextDocument doc(String type, String source, String sourceId, String text, String fields) {
        return StoredDocuments.of(embedder, type, source, sourceId, text, "2026-06-01T08:00:00Z", fields);
    }

    @BeforeAll
    void connect() {
        store.upsert(List.of(
                doc("customer", "stripe", "cus_M1", "Mara Lind", ",\"name\":\"Mara Lind\","
                        + "\"emails\":[\"mara@lind.example\"]"),
                doc("event", "frontapp", "msg_m1", "My parcel never arrived, can you check the shipment?",
                        ",\"eventType\":\"message.received\",\"occurredAt\":\"2026-05-02T09:00:00Z\","
                                + "\"customer\":{\"id\":\"customer:stripe:cus_M1\"}"),
                doc("invoice", "stripe", "in_m1", "Invoice for Mara", ",\"status\":\"open\",\"currency\":\"usd\","
                        + "\"total\":1200,\"amountRemaining\":1200,\"issuedAt\":\"2026-05-01T00:00:00Z\","
                        + "\"customer\":{\"id\":\"customer:stripe:cus_M1\"}")));
        agent = client(ReaderHubTest.TOKEN);
        agent.initialize();
    }

    @AfterAll
    void disconnect() {
        agent.closeGracefully();
    }

    JsonNode call(String tool, Map<String, Object> arguments) throws Exception {
        McpSchema.CallToolResult result = agent.callTool(new McpSchema.CallToolRequest(tool, arguments));
        assertThat(result.isError()).as(text(result)).isFalse();
        return JSON.readTree(text(result));
    }

    static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    @Test
    void listsItsToolsWithDescriptionsAndSchemas() {
        var tools = agent.listTools().tools();
        assertThat(tools).extracting(McpSchema.Tool::name).containsExactlyInAnyOrder("search_context",
                "get_customer_context", "get_document", "source_status");
        assertThat(tools).allSatisfy(tool -> {
            assertThat(tool.description()).hasSizeGreaterThan(40);
            assertThat(tool.inputSchema().type()).isEqualTo("object");
        });
    }

    @Test
    void searchContextFindsByMeaningAndFilters() throws Exception {
        JsonNode answer = call("search_context", Map.of("query", "where is my package", "type", "event"));
        assertThat(answer.path("hits").get(0).path("id").asText()).isEqualTo("event:frontapp:msg_m1");

        JsonNode filtered = call("search_context", Map.of("customer", "mara@lind.example", "type", "invoice"));
        assertThat(filtered.path("hits")).extracting(h -> h.path("id").asText())
                .containsExactly("invoice:stripe:in_m1");
    }

    @Test
    void getCustomerContextByEmailInFullOrWithinATokenBudget() throws Exception {
        JsonNode context = call("get_customer_context", Map.of("customer", "mara@lind.example"));
        assertThat(context.path("records").get(0).path("id").asText()).isEqualTo("customer:stripe:cus_M1");
        assertThat(context.path("timeline").path("events").get(0).path("id").asText())
                .isEqualTo("event:frontapp:msg_m1");
        assertThat(context.path("invoices").path("summary").path("amounts").path("USD").path("open").asLong())
                .isEqualTo(1200);

        var compact = agent.callTool(new McpSchema.CallToolRequest("get_customer_context",
                Map.of("customer", "mara@lind.example", "max_tokens", 120)));
        assertThat(compact.isError()).isFalse();
        assertThat(text(compact)).contains("[customer:stripe:cus_M1]").contains("[event:frontapp:msg_m1]")
                .hasSizeLessThanOrEqualTo(120 * CompactText.CHARS_PER_TOKEN);
    }

    @Test
    void getDocumentAndSourceStatus() throws Exception {
        assertThat(call("get_document", Map.of("id", "invoice:stripe:in_m1")).path("status").asText())
                .isEqualTo("open");
        assertThat(call("source_status", Map.of()).has("connectors")).isTrue();
    }

    @Test
    void aBadCallIsAToolErrorThatSaysWhatToChange() {
        var missing = agent.callTool(new McpSchema.CallToolRequest("get_document", Map.of("id", "event:x:none")));
        assertThat(missing.isError()).isTrue();
        assertThat(text(missing)).startsWith("not_found:").doesNotContain("Exception");
        var badFilter = agent.callTool(new McpSchema.CallToolRequest("search_context",
                Map.of("query", "x", "from", "last tuesday")));
        assertThat(badFilter.isError()).isTrue();
        assertThat(text(badFilter)).startsWith("invalid_filter:");
    }

    @Test
    void withoutTheTokenTheAgentIsRefused() {
        McpSyncClient stranger = client(null);
        assertThatThrownBy(stranger::initialize).isInstanceOf(RuntimeException.class);
        stranger.close();
    }
}
