package io.contexthub.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import io.contexthub.support.ApiRoutes;
import io.contexthub.support.HubClient;
import io.contexthub.support.ReaderHubTest;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The OpenAPI description is the API: it parses as OpenAPI 3.1, every route the running hub serves is in it, every
 * operation in it answers (with a status it documents, and a body that fits the schema it documents), and every
 * example fits its schema.
 */
@ReaderHubTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = {"hub.tenants.docs.max-documents=10", "hub.webhooks.stripe.secret=whsec_docs"})
class ApiDescriptionTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> METHODS = Set.of("get", "post", "delete", "put", "patch");

    @LocalServerPort
    int port;
    @Autowired
    CamelContext camel;

    JsonNode description;
    final JsonSchemaFactory schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    @BeforeAll
    void read() {
        HubClient.Reply reply = new HubClient(port, null).raw(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/openapi.json")).GET().build());
        assertThat(reply.status()).as("public, no token").isEqualTo(200);
        description = reply.json();
    }

    @Test
    void itIsOpenApi31() {
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(description.toString());
        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
    }

    @Test
    void everyRouteTheHubServesIsDescribed() {
        Set<String> served = new TreeSet<>();
        ApiRoutes.of(camel).forEach(route -> served.add(normalised(route)));
        for (Route route : camel.getRoutes()) {
            if (route.getEndpoint() instanceof PlatformHttpEndpoint http && http.getPath().startsWith("/webhooks/")) {
                // the named sources and the configured ones are one path with a parameter in the description
                served.add("POST " + (http.getPath().split("/").length == 3 ? "/webhooks/{}" : "/webhooks/{}/{}"));
            }
        }
        assertThat(served).hasSizeGreaterThan(20);
        assertThat(documented()).containsExactlyInAnyOrderElementsOf(served);
    }

    @Test
    void everyDescribedOperationAnswersAsDescribed() {
        List<String> problems = new ArrayList<>();
        description.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (!METHODS.contains(op.getKey())) {
                return;
            }
            JsonNode operation = op.getValue();
            String url = url(path.getKey(), path.getValue(), operation);
            HubClient.Reply reply = send(op.getKey().toUpperCase(java.util.Locale.ROOT), url);
            String what = op.getKey() + " " + url + " → " + reply.status() + " " + reply.body();
            JsonNode response = operation.path("responses").path(Integer.toString(reply.status()));
            if (reply.body().contains("nothing is served at")) {
                problems.add(what + ": no route answers");
            } else if (response.isMissingNode()) {
                problems.add(what + ": status not described");
            } else {
                JsonNode content = resolve(response).path("content").path("application/json");
                if (!content.isMissingNode()) {
                    List<String> violations = violations(content.path("schema"), reply.json());
                    if (!violations.isEmpty()) {
                        problems.add(what + ": " + violations);
                    }
                }
            }
        }));
        assertThat(problems).isEmpty();
    }

    @Test
    void everyExampleFitsItsSchema() {
        List<String> problems = new ArrayList<>();
        List<JsonNode> checked = new ArrayList<>();
        examples(description, "", problems, checked);
        assertThat(checked).hasSizeGreaterThan(15);
        assertThat(problems).isEmpty();
    }

    @Test
    void swaggerUiShowsIt() {
        HubClient client = new HubClient(port, null);
        HubClient.Reply page = client.raw(HttpRequest.newBuilder(URI.create(client.base() + "/api/docs")).GET().build());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.response().headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        String bundle = page.body().replaceAll("(?s).*src=\"([^\"]+swagger-ui-bundle\\.js)\".*", "$1");
        assertThat(page.body()).contains("/api/openapi.json");
        assertThat(client.raw(HttpRequest.newBuilder(URI.create(client.base() + bundle)).GET().build()).status())
                .as(bundle).isEqualTo(200);
    }

    /** Walks the description: every {@code example} beside a {@code schema}, and every schema's own example. */
    private void examples(JsonNode node, String where, List<String> problems, List<JsonNode> checked) {
        if (node.isObject()) {
            if (node.has("example") && node.has("schema")) {
                checked.add(node.get("example"));
                violations(node.get("schema"), node.get("example")).forEach(v -> problems.add(where + ": " + v));
            }
            if (node.has("example") && node.has("type") || node.has("example") && node.has("allOf")) {
                checked.add(node.get("example"));
                violations(node, node.get("example")).forEach(v -> problems.add(where + ": " + v));
            }
            node.fields().forEachRemaining(e -> examples(e.getValue(), where + "/" + e.getKey(), problems, checked));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                examples(node.get(i), where + "/" + i, problems, checked);
            }
        }
    }

    /** Validates against a schema of the description; its {@code #/components/...} references resolve. */
    private List<String> violations(JsonNode schema, JsonNode value) {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.set("components", description.path("components"));
        root.set("allOf", JSON.createArrayNode().add(schema));
        return schemas.getSchema(root, SchemaValidatorsConfig.builder().build()).validate(value).stream()
                .map(Object::toString).toList();
    }

    private JsonNode resolve(JsonNode node) {
        if (node.has("$ref")) {
            return description.at(node.get("$ref").asText().substring(1));
        }
        return node;
    }

    private Set<String> documented() {
        Set<String> documented = new TreeSet<>();
        description.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(m -> {
            if (METHODS.contains(m)) {
                documented.add(normalised(m.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey()));
            }
        }));
        return documented;
    }

    private static String normalised(String route) {
        return route.replaceAll("\\{[^}]+}", "{}");
    }

    /** The path with its parameters' examples (the parameters of the path and of the operation). */
    private String url(String template, JsonNode path, JsonNode operation) {
        String url = template;
        List<JsonNode> parameters = new ArrayList<>();
        path.path("parameters").forEach(parameters::add);
        operation.path("parameters").forEach(parameters::add);
        for (JsonNode parameter : parameters) {
            JsonNode p = resolve(parameter);
            if ("path".equals(p.path("in").asText())) {
                String value = p.path("example").asText("x");
                if ("tenant".equals(p.path("name").asText())) {
                    value = "docs";
                }
                url = url.replace("{" + p.path("name").asText() + "}", URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        return url;
    }

    private HubClient.Reply send(String method, String url) {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + url))
                .header("Authorization", "Bearer " + ReaderHubTest.TOKEN)
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (url.startsWith("/webhooks/")) {
            request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + url))
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString("{}"));
        }
        return new HubClient(port, ReaderHubTest.TOKEN).raw(request.build());
    }
}
