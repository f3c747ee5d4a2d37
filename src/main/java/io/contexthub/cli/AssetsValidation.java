package io.contexthub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.contexthub.canonical.Entity;
import io.contexthub.embedding.EmbeddingText;
import io.contexthub.mapping.CanonicalSchemas;
import io.contexthub.mapping.GoldenTests;
import io.contexthub.mapping.JsonataExpression;
import io.contexthub.mapping.MappingRunner;
import io.contexthub.platform.Assets;
import io.contexthub.platform.HubProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * What {@code hub validate} checks in an assets directory, each problem named by its file: the four folders are
 * there; every route file parses with Camel's YAML DSL and every route, template and configuration has an explicit,
 * unique id; every mapping compiles, is named {@code <stream>-to-<entity>.jsonata}, has golden tests beside it and
 * they pass (documents exactly as expected, valid against their schema, rendered by the embedding template); every
 * schema and embedding template loads; every connector descriptor names its folder, declares streams whose mappings
 * exist, and stages its webhook and syncs into streams it declares.
 */
final class AssetsValidation {

    static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    static final ObjectMapper YAML = new YAMLMapper();

    private final Path dir;
    private final List<Path> fixtureDirs;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, Integer> counts = new HashMap<>();

    AssetsValidation(Path dir, Path fixtures) {
        this.dir = dir.toAbsolutePath().normalize();
        this.fixtureDirs = fixtures != null ? List.of(fixtures)
                : List.of(this.dir.resolve("fixtures"), this.dir.resolve("src/test/resources/fixtures"));
    }

    /** The problems found; empty when the directory is valid. */
    List<String> run() {
        Assets assets;
        try {
            assets = new Assets(new HubProperties(Path.of(System.getProperty("java.io.tmpdir")), dir,
                    HubProperties.Staging.spool, HubProperties.Store.lucene));
        } catch (IllegalStateException e) {
            problems.add(e.getMessage());
            return problems;
        }
        routes();
        MappingRunner runner = new MappingRunner(assets, JSON);
        CanonicalSchemas schemas = new CanonicalSchemas(assets);
        schemas(assets, schemas);
        mappings(runner, schemas, new EmbeddingText(assets, JSON));
        descriptors();
        return problems;
    }

    Map<String, Integer> counts() {
        return counts;
    }

    private void routes() {
        List<Path> files = files(dir.resolve("routes"), ".yaml");
        try (Stream<Path> connectors = Files.list(dir.resolve("connectors"))) {
            for (Path folder : connectors.filter(Files::isDirectory).sorted().toList()) {
                files.addAll(files(folder, ".yaml").stream().filter(f -> f.getParent().equals(folder)
                        && !f.getFileName().toString().equals("connector.yaml")).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> ids = new HashMap<>();
        try (CamelContext camel = new DefaultCamelContext()) {
            for (Path file : files) {
                String name = relative(file);
                try {
                    Resource resource = ResourceHelper.resolveMandatoryResource(camel, "file:" + file);
                    for (RoutesBuilder builder : PluginHelper.getRoutesLoader(camel).findRoutesBuilders(resource)) {
                        camel.addRoutes(builder);
                    }
                } catch (Exception e) {
                    problems.add(name + ": does not parse: " + rootMessage(e));
                }
                try {
                    explicitIds(file, name, ids);
                } catch (IOException e) {
                    problems.add(name + ": is not YAML: " + e.getMessage());
                }
            }
        } catch (Exception e) {
            problems.add("routes: " + rootMessage(e));
        }
        counts.put("route files", files.size());
    }

    private void explicitIds(Path file, String name, Map<String, String> ids) throws IOException {
        for (JsonNode definition : YAML.readTree(file.toFile())) {
            for (String kind : List.of("route", "routeTemplate", "routeConfiguration")) {
                if (!definition.has(kind)) {
                    continue;
                }
                String id = definition.path(kind).path("id").asText("");
                if (id.isEmpty()) {
                    problems.add(name + ": a " + kind + " without an explicit id (give every one an id: metrics, "
                            + "logs and the API name routes by it)");
                } else if (ids.putIfAbsent(kind + ":" + id, name) != null) {
                    problems.add(name + ": " + kind + " id " + id + " is also used in " + ids.get(kind + ":" + id));
                }
            }
        }
    }

    private void schemas(Assets assets, CanonicalSchemas schemas) {
        for (String entity : Entity.names()) {
            String schema = "canonical-model/" + entity + ".schema.json";
            String template = "canonical-model/embedding/" + entity + ".jsonata";
            try {
                schemas.violations(entity, JSON.createObjectNode());
            } catch (RuntimeException e) {
                problems.add(schema + ": does not load: " + rootMessage(e));
            }
            try {
                JsonataExpression.compile(template, assets.read(template), JSON);
            } catch (RuntimeException e) {
                problems.add(template + ": " + rootMessage(e));
            }
        }
        counts.put("schemas", Entity.names().size());
    }

    private void mappings(MappingRunner runner, CanonicalSchemas schemas, EmbeddingText embedding) {
        List<Path> files = files(dir.resolve("mappings"), ".jsonata");
        List<GoldenTests.Case> cases;
        try {
            cases = GoldenTests.cases(dir);
        } catch (RuntimeException e) {
            problems.add("mappings: golden tests do not read: " + rootMessage(e));
            return;
        }
        Set<String> tested = new HashSet<>();
        cases.forEach(c -> tested.add(c.mapping()));
        for (Path file : files) {
            String name = relative(file);
            try {
                runner.check(name);
            } catch (RuntimeException e) {
                problems.add(name + ": " + e.getMessage());
                continue;
            }
            if (!tested.contains(name)) {
                problems.add(name + ": no golden test (expected " + name.replace(".jsonata", ".test.yaml")
                        + " with at least one case: see docs/mappings.md)");
            }
        }
        GoldenTests golden = new GoldenTests(runner, schemas, JSON, this::fixture);
        for (GoldenTests.Case testCase : cases) {
            golden.check(testCase).ifPresentOrElse(
                    failure -> problems.add(testCase.title() + ": " + failure),
                    () -> rendered(embedding, testCase));
        }
        counts.put("mappings", files.size());
        counts.put("golden cases", cases.size());
    }

    /** The golden documents also go through the embedding template, as processing would. */
    private void rendered(EmbeddingText embedding, GoldenTests.Case testCase) {
        for (JsonNode document : testCase.spec().path("expected")) {
            try {
                embedding.render(document.path("type").asText(), document);
            } catch (RuntimeException e) {
                problems.add(testCase.title() + ": the embedding template fails on its document: " + e.getMessage());
            }
        }
    }

    private void descriptors() {
        int count = 0;
        try (Stream<Path> connectors = Files.list(dir.resolve("connectors"))) {
            for (Path folder : connectors.filter(Files::isDirectory).sorted().toList()) {
                Path file = folder.resolve("connector.yaml");
                if (!Files.exists(file)) {
                    problems.add(relative(folder) + ": no connector.yaml (the connector's descriptor)");
                    continue;
                }
                count++;
                descriptor(file, folder.getFileName().toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        counts.put("connectors", count);
    }

    private void descriptor(Path file, String folder) {
        String name = relative(file);
        JsonNode connector;
        try {
            connector = YAML.readTree(file.toFile());
        } catch (IOException e) {
            problems.add(name + ": does not parse: " + rootMessage(e));
            return;
        }
        if (!folder.equals(connector.path("id").asText())) {
            problems.add(name + ": id is '" + connector.path("id").asText() + "', the folder is " + folder);
        }
        JsonNode streams = connector.path("streams");
        if (streams.isEmpty()) {
            problems.add(name + ": declares no streams (streams.<stream>.mappings)");
        }
        for (var stream : streams.properties()) {
            for (JsonNode mapping : stream.getValue().path("mappings")) {
                if (!Files.isRegularFile(dir.resolve(mapping.asText()))) {
                    problems.add(name + ": stream " + stream.getKey() + " names " + mapping.asText()
                            + ", which does not exist");
                }
            }
        }
        String webhookStream = connector.path("webhooks").path("stream").asText("");
        if (!webhookStream.isEmpty() && !streams.has(webhookStream)) {
            problems.add(name + ": webhooks stage into stream " + webhookStream + ", which streams does not declare");
        }
        for (var sync : connector.path("syncs").properties()) {
            String stagedAs = sync.getValue().path("stagedAs").asText("").split("[ (,]", 2)[0];
            if (!stagedAs.isEmpty() && !streams.has(stagedAs)) {
                problems.add(name + ": sync " + sync.getKey() + " stages into stream " + stagedAs
                        + ", which streams does not declare");
            }
        }
    }

    private JsonNode fixture(String file) {
        for (Path folder : fixtureDirs) {
            Path candidate = folder.resolve(file);
            if (Files.isRegularFile(candidate)) {
                try {
                    return JSON.readTree(candidate.toFile()).path("body");
                } catch (IOException e) {
                    throw new UncheckedIOException("fixture " + candidate + " is not JSON", e);
                }
            }
        }
        throw new IllegalArgumentException("fixture " + file + " not found in " + fixtureDirs
                + " (point --fixtures at the folder)");
    }

    private List<Path> files(Path folder, String suffix) {
        if (!Files.isDirectory(folder)) {
            return new ArrayList<>();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return new ArrayList<>(walk.filter(f -> f.toString().endsWith(suffix)).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String relative(Path file) {
        return dir.relativize(file).toString().replace('\\', '/');
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == failure ? message : failure.getMessage() + " — " + message;
    }
}
