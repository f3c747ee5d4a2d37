package io.contexthub.connector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.contexthub.connector.salesforce.SalesforceProperties;
import io.contexthub.sync.SyncStreamSettings;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The connector descriptors an integrator reads first must not drift from what the hub runs: each names its own
 * folder, a doc page that exists, mappings that exist with golden tests beside them, and streams whose settings the
 * hub binds (HubEndToEndTest checks that every declared route runs).
 */
class ConnectorDescriptorsTest {

    static final YAMLMapper YAML = new YAMLMapper();
    /** What the streams' settings records bind: every connector's, plus Salesforce's query. */
    static final List<String> STREAM_SETTINGS = Stream.of(SyncStreamSettings.class, SalesforceProperties.Stream.class)
            .flatMap(type -> Arrays.stream(type.getRecordComponents())).map(RecordComponent::getName).toList();

    static Stream<Path> descriptors() throws IOException {
        return Files.list(Path.of("connectors")).map(dir -> dir.resolve("connector.yaml")).filter(Files::exists)
                .sorted();
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
        for (Map.Entry<String, JsonNode> sync : connector.path("syncs").properties()) {
            if (sync.getValue().has("settings")) {
                assertThat(sync.getValue().path("settings").path("every").asText())
                        .as("the schedule of %s/%s", folder, sync.getKey()).isNotBlank();
                assertThat(sync.getValue().path("settings").properties()).extracting(Map.Entry::getKey)
                        .as("settings of %s/%s (a stream's record binds these)", folder, sync.getKey())
                        .isSubsetOf(STREAM_SETTINGS);
            }
        }
    }
}
