package io.contexthub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.support.ErasedPerson;
import io.contexthub.support.HubClient;
import io.contexthub.support.WebhookHubTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An access request, then the erasure of a person, on the default backbone (spool + Lucene), end to end: a Stripe
 * customer, her invoice and a dead letter about her; exported, then erased by e-mail; then nothing the API returns,
 * no dead letter, no file under the data directory (spool, index, identity rows, the job's own record, the audit
 * log) holds her e-mail, name or phone, the audit trail verifies, and a later webhook about her is acknowledged as
 * suppressed and counted.
 */
@WebhookHubTest
class SubjectRightsEndToEndTest {

    static final Duration PROCESSING = Duration.ofSeconds(30);
    static final String EMAIL = ErasedPerson.EMAIL;
    static final String NAME = ErasedPerson.NAME;
    static final String PHONE = ErasedPerson.PHONE;

    @LocalServerPort
    int port;
    @Value("${hub.data-dir}")
    Path data;
    @Autowired
    MeterRegistry meters;

    HubClient hub() {
        return new HubClient(port, WebhookHubTest.TOKEN);
    }

    HubClient.Reply stripe(ObjectNode event) {
        return ErasedPerson.post(hub(), WebhookHubTest.STRIPE_SECRET, event);
    }

    List<Path> filesMentioning(String text) throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                try {
                    if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text)) {
                        found.add(file);
                    }
                } catch (IOException gone) {
                    // processed and removed while we looked
                }
            }
        }
        return found;
    }

    double suppressed(String stage) {
        var counter = meters.find("hub.privacy.suppressed").tags("source", "stripe", "stage", stage).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void anErasedPersonLeavesNoTraceAndLaterDeliveriesAboutHerAreSuppressed() throws Exception {
        assertThat(stripe(ErasedPerson.customerEvent("evt_erase_c1", "customer.created", 1775000000)).status()).isEqualTo(202);
        assertThat(stripe(ErasedPerson.invoiceEvent("evt_erase_i1", "in_Erase1", "eur")).status()).isEqualTo(202);
        // a currency the schema refuses: a dead letter that names her
        assertThat(stripe(ErasedPerson.invoiceEvent("evt_erase_i2", "in_Erase2", "euro")).status()).isEqualTo(202);
        await().atMost(PROCESSING).until(() -> hub().api("GET", "/api/context/customer/customer:stripe:cus_Erase1")
                .status() == 200 && hub().api("GET", "/api/context/invoice/invoice:stripe:in_Erase1").status() == 200
                && hub().api("GET", "/api/dead-letters?limit=500").body().contains("evt_erase_i2"));

        assertThat(filesMentioning(EMAIL)).as("the dead letter holds her e-mail before the erasure").isNotEmpty();

        // an access request first: every document about her, with provenance
        JsonNode export = hub().api("GET", "/api/subjects/" + EMAIL + "/export").json();
        assertThat(export.path("customerRecords")).extracting(JsonNode::asText)
                .containsExactly("customer:stripe:cus_Erase1");
        assertThat(export.path("documents")).extracting(d -> d.path("id").asText())
                .containsExactlyInAnyOrder("customer:stripe:cus_Erase1", "invoice:stripe:in_Erase1");
        assertThat(export.path("documents")).allSatisfy(d -> assertThat(d.path("provenance").path("connector")
                .asText()).isEqualTo("stripe"));
        assertThat(export.path("counts").path("invoice").asInt()).isEqualTo(1);

        HubClient.Reply requested = ErasedPerson.erase(hub(), WebhookHubTest.TOKEN);
        assertThat(requested.status()).isEqualTo(202);
        assertThat(requested.body()).doesNotContainIgnoringCase(EMAIL);
        String job = requested.json().path("id").asText();
        await().atMost(PROCESSING).until(() -> "done".equals(hub().api("GET", "/api/erasures/" + job).json()
                .path("state").asText()));

        JsonNode report = hub().api("GET", "/api/erasures/" + job).json();
        assertThat(report.path("found").path("customer").asInt()).isEqualTo(1);
        assertThat(report.path("found").path("invoice").asInt()).isEqualTo(1);
        assertThat(report.path("removed").path("customer").asInt()).isEqualTo(1);
        assertThat(report.path("removed").path("invoice").asInt()).isEqualTo(1);
        assertThat(report.path("removed").path("deadLetters").asInt()).isEqualTo(1);
        assertThat(report.path("found").path("customerRecords").asInt()).isEqualTo(1);
        assertThat(report.path("removed").path("identityRows").asInt()).isPositive();
        assertThat(report.has("pending")).isFalse();

        // nothing the API returns knows her
        assertThat(hub().api("GET", "/api/context/customer/customer:stripe:cus_Erase1").status()).isEqualTo(410);
        assertThat(hub().api("GET", "/api/context/invoice/invoice:stripe:in_Erase1").status()).isEqualTo(410);
        for (String query : List.of(EMAIL, NAME, PHONE, "cus_Erase1")) {
            assertThat(hub().api("GET", "/api/context/search?q=" + java.net.URLEncoder.encode(query,
                    StandardCharsets.UTF_8) + "&includeDeleted=true").body()).as(query)
                    .doesNotContain(EMAIL).doesNotContain(NAME).doesNotContain("cus_Erase1");
        }
        assertThat(hub().api("GET", "/api/customers/" + EMAIL + "/context").status()).isEqualTo(404);
        assertThat(hub().api("GET", "/api/profiles/" + EMAIL).status()).isEqualTo(404);
        assertThat(hub().api("GET", "/api/subjects/" + EMAIL + "/export").status()).isEqualTo(404);
        assertThat(hub().api("GET", "/api/dead-letters?limit=500").body()).doesNotContain(EMAIL);
        // nor what an agent gets over MCP
        var transport = HttpClientStreamableHttpTransport
                .builder("http://localhost:" + port).endpoint("/mcp")
                .jsonMapper(new JacksonMcpJsonMapper(
                        new ObjectMapper()))
                .customizeRequest(request -> request.header("Authorization", "Bearer " + WebhookHubTest.TOKEN)).build();
        var agent = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30))
                .jsonSchemaValidator((schema, content) -> JsonSchemaValidator.ValidationResponse.asValid(null)).build();
        try {
            agent.initialize();
            for (var call : List.of(new McpSchema.CallToolRequest("search_context", Map.of("query", EMAIL)),
                    new McpSchema.CallToolRequest("get_document", Map.of("id", "customer:stripe:cus_Erase1")))) {
                var result = agent.callTool(call);
                String text = ((McpSchema.TextContent) result.content().get(0)).text();
                assertThat(text).as(call.name()).doesNotContain(EMAIL).doesNotContain(NAME);
            }
            // asked by her e-mail, the customer context knows nobody (the error repeats only what was asked)
            var context = agent.callTool(new McpSchema.CallToolRequest("get_customer_context",
                    Map.of("customer", EMAIL)));
            assertThat(context.isError()).isTrue();
            assertThat(((McpSchema.TextContent) context.content().get(0)).text()).contains("unknown_customer")
                    .doesNotContain(NAME);
        } finally {
            agent.closeGracefully();
        }

        // nor any file the hub keeps: spool, dead letters, identity rows, tombstones, the job itself
        for (String trace : List.of(EMAIL, NAME, PHONE.substring(1))) {
            assertThat(filesMentioning(trace)).as(trace).isEmpty();
        }

        // the audit trail shows the erasure by its job, never by whom it erased, and its chain verifies
        String audit = hub().api("GET", "/api/audit?limit=1000").body();
        assertThat(audit).contains("\"erasure.requested\"").contains("\"erasure.done\"").contains(job)
                .doesNotContainIgnoringCase(EMAIL).doesNotContain(NAME);
        assertThat(hub().api("GET", "/api/audit/verify").json().path("valid").asBoolean()).isTrue();

        // a later delivery about her is acknowledged, counted, and not written
        double before = suppressed("ingress");
        HubClient.Reply later = stripe(ErasedPerson.customerEvent("evt_erase_c2", "customer.updated", 1775000500));
        assertThat(later.status()).isEqualTo(200);
        assertThat(later.json().path("status").asText()).isEqualTo("suppressed");
        assertThat(suppressed("ingress")).isEqualTo(before + 1);
        assertThat(hub().api("GET", "/api/context/customer/customer:stripe:cus_Erase1").status()).isEqualTo(410);
    }
}
