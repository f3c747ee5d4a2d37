package io.contexthub.connector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The connector descriptors an integrator reads first must not drift from what the hub runs: each names its own
 * folder, a doc page that exists, mappings that exist with golden tests beside them, and routes that are declared.
 */
class ConnectorDescriptorsTest {

    static final YAMLMapper YAML = new YAMLMapper();
    static final Pattern ROUTE_ID = Pattern.compile("(?m)^\\s*-?\\s*(?:routeId|id):\\s*\"?([\\w.{}-]+)\"?\\s*$");

    static Stream<Path> descriptors() throws IOException {
        return Files.list(Path.of("connectors")).map(dir -> dir.resolve("connector.yaml")).filter(Files::exists)
                .sorted();
    }

    static List<String> declaredRouteIds() throws IOException {
        List<String> ids = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("routes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Matcher matcher = ROUTE_ID.matcher(Files.readString(file));
                while (matcher.find()) {
                    ids.add(matcher.group(1));
                }
            }
        }
        return ids;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("descriptors")
    void aDescriptorMatchesTheHub(Path descriptor) throws IOException {
        JsonNode connector = YAML.readTree(descriptor.toFile());
        String folder = descriptor.getParent().getFileName().toString();

        assertThat(connector.path("id").asText()).isEqualTo(folder);
        assertThat(connector.path("name").asText()).isNotBlank();
        assertThat(Path.of(connector.path("docs").asText())).as("docs page").isRegularFile();
        assertThat(connector.path("settings")).as("settings").isNotEmpty();
        connector.path("settings").forEach(setting -> {
            assertThat(setting.path("name").asText()).as("setting name").startsWith("hub.");
            assertThat(setting.has("secret")).as("%s says whether it is secret", setting.path("name")).isTrue();
        });
        assertThat(connector.path("streams")).as("streams").isNotEmpty();
        for (Map.Entry<String, JsonNode> stream : connector.path("streams").properties()) {
            assertThat(stream.getValue().path("mappings")).as("mappings of %s", stream.getKey()).isNotEmpty();
            for (JsonNode mapping : stream.getValue().path("mappings")) {
                Path file = Path.of(mapping.asText());
                assertThat(file).isRegularFile();
                assertThat(file.resolveSibling(file.getFileName().toString().replace(".jsonata", ".test.yaml")))
                        .as("golden test beside %s", file).isRegularFile();
            }
        }
        List<String> routes = declaredRouteIds();
        if (connector.has("webhooks")) {
            assertThat(routes).as("webhook route of %s", descriptor)
                    .contains(connector.path("webhooks").path("route").asText());
        }
        for (JsonNode sync : connector.path("syncs")) {
            String route = sync.path("route").asText().split(" ")[0];
            assertThat(routes).as("route of %s", descriptor).contains(route);
        }
    }
}
