package io.contexthub.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.contexthub.platform.Assets;
import io.contexthub.platform.HubProperties;
import io.contexthub.staging.Envelope;
import io.contexthub.support.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;

/**
 * Runs every golden test beside the mappings: {@code mappings/<source>/<mapping>.test.yaml} holds cases of
 * input (an inline payload, a fixture's body or a part of it) and the exact canonical documents expected. Every expected
 * document must also satisfy its schema, so a golden file cannot enshrine an invalid document.
 */
class MappingGoldenTest {

    static final Path ASSETS = Path.of("").toAbsolutePath();
    /** Configured as Spring Boot configures the hub's mapper: instants as ISO-8601 strings. */
    static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    static final ObjectMapper YAML = new YAMLMapper();

    static final Assets assets = new Assets(new HubProperties(Path.of("target"), ASSETS,
            HubProperties.Staging.spool, HubProperties.Store.lucene));
    static final MappingRunner runner = new MappingRunner(assets, JSON);
    static final CanonicalSchemas schemas = new CanonicalSchemas(assets);

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ASSETS.resolve("mappings"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".test.yaml")).sorted().toList()) {
                JsonNode spec = YAML.readTree(file.toFile());
                String name = file.getFileName().toString();
                String mapping = "mappings/" + ASSETS.resolve("mappings").relativize(file.getParent())
                        + "/" + spec.path("mapping").asText(name.replace(".test.yaml", ".jsonata"));
                for (JsonNode testCase : spec.path("cases")) {
                    cases.add(Arguments.of(mapping + " :: " + testCase.path("name").asText(), mapping, testCase));
                }
            }
        }
        assertThat(cases).as("golden cases under mappings/").isNotEmpty();
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mappingProducesTheGoldenDocuments(String title, String mapping, JsonNode testCase) throws Exception {
        List<CanonicalDocument> documents = runner.apply(mapping, envelope(mapping, testCase));

        String actual = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(
                documents.stream().map(CanonicalDocument::json).toList());
        JSONAssert.assertEquals(title + "\nactual:\n" + actual,
                JSON.writeValueAsString(testCase.path("expected")), actual, JSONCompareMode.STRICT);
        for (CanonicalDocument document : documents) {
            assertThat(schemas.violations(document.entity(), document.json()))
                    .as("schema violations of %s", document.id()).isEmpty();
        }
    }

    private static Envelope envelope(String mapping, JsonNode testCase) {
        String[] parts = mapping.split("/");
        String source = parts[1];
        String stream = parts[2].substring(0, parts[2].indexOf("-to-"));
        // fixture: <file>, or <file>#<JSON pointer> for one part of its body (one event of a batch)
        String[] fixture = testCase.path("fixture").asText("").split("#", 2);
        JsonNode payload = testCase.has("fixture")
                ? Fixtures.load(fixture[0]).body().at(fixture.length > 1 ? fixture[1] : "")
                : testCase.path("payload");
        JsonNode env = testCase.path("envelope");
        // source: the mapping's directory, unless the case names the sender (generic mappings serve many)
        return new Envelope(env.path("id").asText("golden-envelope"), env.path("source").asText(source), stream,
                env.path("type").asText(payload.path("type").asText("unknown")),
                Instant.parse(env.path("receivedAt").asText("2023-09-07T00:27:51.200Z")),
                env.path("idempotencyKey").asText(source + ":golden"), env.path("verified").asBoolean(true),
                payload);
    }
}
