package io.contexthub.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.contexthub.staging.Envelope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The golden tests beside the mappings: {@code mappings/<source>/<mapping>.test.yaml} holds cases — an input (an
 * inline {@code payload}, or a {@code fixture} file, or a part of one: {@code file.json#/0}) and the exact canonical
 * documents expected. A case passes when the mapping returns exactly those documents and each satisfies its schema,
 * so a golden file cannot enshrine an invalid document. Run by the build (MappingGoldenTest) and by
 * {@code hub validate}.
 */
public final class GoldenTests {

    static final String SUFFIX = ".test.yaml";
    private static final ObjectMapper YAML = new YAMLMapper();

    private final MappingRunner runner;
    private final CanonicalSchemas schemas;
    private final ObjectMapper json;
    private final Function<String, JsonNode> fixtures;

    /**
     * @param fixtures a fixture file's name to its request body (the fixtures' {@code body} field)
     */
    public GoldenTests(MappingRunner runner, CanonicalSchemas schemas, ObjectMapper json,
                       Function<String, JsonNode> fixtures) {
        this.runner = runner;
        this.schemas = schemas;
        this.json = json;
        this.fixtures = fixtures;
    }

    /**
     * One case.
     *
     * @param title   {@code <mapping> :: <case name>}
     * @param mapping the mapping file, {@code mappings/<source>/<stream>-to-<entity>.jsonata}
     * @param spec    the case as written
     */
    public record Case(String title, String mapping, JsonNode spec) {
        @Override
        public String toString() {
            return title;
        }
    }

    /** Every case of every golden file under {@code <assets>/mappings}, in file order. */
    public static List<Case> cases(Path assets) {
        Path mappings = assets.resolve("mappings");
        List<Case> cases = new ArrayList<>();
        try (Stream<Path> files = Files.walk(mappings)) {
            for (Path file : files.filter(f -> f.toString().endsWith(SUFFIX)).sorted().toList()) {
                JsonNode spec = YAML.readTree(file.toFile());
                String name = file.getFileName().toString();
                String mapping = "mappings/" + mappings.relativize(file.getParent()).toString().replace('\\', '/')
                        + "/" + spec.path("mapping").asText(name.replace(SUFFIX, MappingRunner.SUFFIX));
                for (JsonNode testCase : spec.path("cases")) {
                    cases.add(new Case(mapping + " :: " + testCase.path("name").asText(), mapping, testCase));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the golden tests under " + mappings, e);
        }
        return cases;
    }

    /** Why the case fails, or empty when it passes. */
    public Optional<String> check(Case testCase) {
        List<CanonicalDocument> documents;
        try {
            documents = runner.apply(testCase.mapping(), envelope(testCase));
        } catch (RuntimeException e) {
            return Optional.of("the mapping failed: " + e.getMessage());
        }
        JsonNode actual = json.valueToTree(documents.stream().map(CanonicalDocument::json).toList());
        Optional<String> difference = difference("", testCase.spec().path("expected"), actual);
        if (difference.isPresent()) {
            return Optional.of(difference.get() + "\nactual documents:\n" + pretty(actual));
        }
        for (CanonicalDocument document : documents) {
            List<String> violations = schemas.violations(document.entity(), document.json());
            if (!violations.isEmpty()) {
                return Optional.of(document.id() + " violates " + document.entity() + ".schema.json: "
                        + String.join("; ", violations));
            }
        }
        return Optional.empty();
    }

    private Envelope envelope(Case testCase) {
        String[] parts = testCase.mapping().split("/");
        String source = parts[1];
        String stream = parts[2].substring(0, parts[2].indexOf("-to-"));
        JsonNode spec = testCase.spec();
        String[] fixture = spec.path("fixture").asText("").split("#", 2);
        JsonNode payload = spec.has("fixture") ? fixtures.apply(fixture[0]).at(fixture.length > 1 ? fixture[1] : "")
                : spec.path("payload");
        JsonNode env = spec.path("envelope");
        // source: the mapping's directory, unless the case names the sender (generic mappings serve many)
        return new Envelope(env.path("id").asText("golden-envelope"), env.path("source").asText(source), stream,
                env.path("type").asText(payload.path("type").asText("unknown")),
                Instant.parse(env.path("receivedAt").asText("2023-09-07T00:27:51.200Z")),
                env.path("idempotencyKey").asText(source + ":golden"), env.path("verified").asBoolean(true),
                payload, null);
    }

    /** The first place two JSON trees differ (numbers compared by value), as a JSON pointer and both values. */
    static Optional<String> difference(String at, JsonNode expected, JsonNode actual) {
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0 ? Optional.empty()
                    : Optional.of(mismatch(at, expected, actual));
        }
        if (expected.getNodeType() != actual.getNodeType()) {
            return Optional.of(mismatch(at, expected, actual));
        }
        if (expected.isArray()) {
            for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
                if (i >= expected.size() || i >= actual.size()) {
                    return Optional.of("at " + at + ": expected " + expected.size() + " items, got " + actual.size());
                }
                Optional<String> inner = difference(at + "/" + i, expected.get(i), actual.get(i));
                if (inner.isPresent()) {
                    return inner;
                }
            }
            return Optional.empty();
        }
        if (expected.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = expected.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!actual.has(field.getKey())) {
                    return Optional.of("at " + at + "/" + field.getKey() + ": expected " + field.getValue()
                            + ", got nothing");
                }
                Optional<String> inner = difference(at + "/" + field.getKey(), field.getValue(),
                        actual.get(field.getKey()));
                if (inner.isPresent()) {
                    return inner;
                }
            }
            for (Iterator<String> names = actual.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!expected.has(name)) {
                    return Optional.of("at " + at + "/" + name + ": not expected, got " + actual.get(name));
                }
            }
            return Optional.empty();
        }
        return expected.equals(actual) ? Optional.empty() : Optional.of(mismatch(at, expected, actual));
    }

    private static String mismatch(String at, JsonNode expected, JsonNode actual) {
        return "at " + (at.isEmpty() ? "/" : at) + ": expected " + expected + ", got " + actual;
    }

    private String pretty(JsonNode node) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (IOException e) {
            return node.toString();
        }
    }
}
