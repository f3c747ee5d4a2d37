package io.contexthub.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The configuration metadata (generated from the {@code @ConfigurationProperties} records and their
 * {@code @param} docs, plus META-INF/additional-spring-configuration-metadata.json) is the one list of settings.
 * This test fails the build on a {@code hub.*} setting without a description, one the README's table or its
 * connector's descriptor does not mention, and on a setting written in application.yaml or a descriptor that does
 * not exist (a misspelling would otherwise be ignored silently).
 */
class SettingsDocumentationTest {

    static final Map<String, JsonNode> settings = new TreeMap<>();

    @BeforeAll
    static void readMetadata() throws IOException {
        try (InputStream in = SettingsDocumentationTest.class
                .getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("configuration metadata (spring-boot-configuration-processor)").isNotNull();
            for (JsonNode property : new ObjectMapper().readTree(in).path("properties")) {
                if (property.path("name").asText().startsWith("hub.")) {
                    settings.put(property.path("name").asText(), property);
                }
            }
        }
        assertThat(settings).hasSizeGreaterThan(50);
    }

    @Test
    void everySettingIsDescribed() {
        assertThat(settings.values()).filteredOn(p -> p.path("description").asText("").isBlank())
                .extracting(p -> p.path("name").asText()).isEmpty();
    }

    @Test
    void everySettingIsInTheReadmeTable() throws IOException {
        List<Pattern> documented = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("README.md"))) {
            if (line.startsWith("| `hub.")) {
                documented.addAll(patterns(line.split("\\|")[1]));
            }
        }
        assertThat(current()).filteredOn(name -> !covered(name, documented))
                .as("settings missing from the README's configuration table").isEmpty();
    }

    @Test
    void everyRenamedSettingNamesAnExistingReplacementAndIsInTheOperationsGuide() throws IOException {
        List<Pattern> guide = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("docs/operations.md"))) {
            if (line.startsWith("| `hub.")) {
                guide.addAll(patterns(line.split("\\|")[1]));
            }
        }
        Map<String, String> renamed = RenamedSettings.renamed();
        assertThat(renamed).isNotEmpty();
        renamed.forEach((old, replacement) -> {
            assertThat(settings.get(old).path("deprecation").path("level").asText()).as(old).isEqualTo("warning");
            assertThat(covered(replacement, settings.keySet().stream().map(name -> Pattern.compile(Pattern.quote(name)))
                    .toList())).as("replacement of %s is a setting", old).isTrue();
            assertThat(guide).as("docs/operations.md names %s", old).anyMatch(p -> p.matcher(old).matches());
        });
    }

    /** The settings in use (not the deprecated names that are only read for one more release). */
    private static List<String> current() {
        return settings.values().stream().filter(p -> !p.has("deprecation")).map(p -> p.path("name").asText()).toList();
    }

    /**
     * Whether a documentation pattern names the setting; a map-valued setting ({@code hub.connectors.ga4.reports})
     * is documented by patterns of its entries ({@code hub.connectors.ga4.reports.<name>.metrics}), and an entry of
     * one by the map itself.
     */
    private static boolean covered(String name, List<Pattern> documented) {
        boolean map = settings.containsKey(name)
                && settings.get(name).path("type").asText().startsWith("java.util.Map");
        return documented.stream().anyMatch(p -> p.matcher(name).matches()
                || map && text(p).startsWith(name + "."))
                || mapEntry(name) && documented.stream().anyMatch(p -> p.matcher(mapOf(name)).matches());
    }

    private static String text(Pattern pattern) {
        return pattern.pattern().replace("\\Q", "").replace("\\E", "");
    }

    private static boolean mapEntry(String name) {
        return mapOf(name) != null;
    }

    private static String mapOf(String name) {
        return settings.values().stream().filter(p -> p.path("type").asText().startsWith("java.util.Map"))
                .map(p -> p.path("name").asText()).filter(map -> name.startsWith(map + ".")).findFirst().orElse(null);
    }

    @Test
    void everyConnectorSettingIsInItsDescriptorAndEveryDescriptorSettingExists() throws IOException {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("connectors"))) {
            for (Path dir : files.sorted().toList()) {
                JsonNode descriptor = new YAMLMapper().readTree(dir.resolve("connector.yaml").toFile());
                String id = descriptor.path("id").asText();
                List<Pattern> listed = new ArrayList<>();
                for (JsonNode setting : descriptor.path("settings")) {
                    List<Pattern> patterns = patterns(setting.path("name").asText());
                    listed.addAll(patterns);
                    for (Pattern pattern : patterns) {
                        if (!pattern.pattern().contains("[^.]+") && !mapEntry(text(pattern)) && settings.keySet()
                                .stream().noneMatch(name -> pattern.matcher(name).matches())) {
                            problems.add(dir.getFileName() + "/connector.yaml lists " + pattern.pattern()
                                    .replace("\\.", ".") + ", which is no setting");
                        }
                    }
                }
                for (String prefix : List.of("hub.connectors." + id + ".", "hub.webhooks." + id + ".")) {
                    current().stream().filter(name -> name.startsWith(prefix))
                            .filter(name -> !covered(name, listed))
                            .forEach(name -> problems.add(dir.getFileName() + "/connector.yaml does not list " + name));
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everySettingInApplicationYamlExists() throws IOException {
        JsonNode yaml = new YAMLMapper().readTree(Path.of("src/main/resources/application.yaml").toFile());
        List<String> keys = new ArrayList<>();
        flatten("hub", yaml.path("hub"), keys);
        assertThat(keys).filteredOn(key -> !settings.containsKey(key) && settings.entrySet().stream().noneMatch(
                        e -> e.getValue().path("type").asText().startsWith("java.util.Map") && key.startsWith(e.getKey() + ".")))
                .as("keys of application.yaml that are no setting").isEmpty();
    }

    @Test
    void noDefaultIsRepeatedInApplicationYaml() throws IOException {
        JsonNode yaml = new YAMLMapper().readTree(Path.of("src/main/resources/application.yaml").toFile());
        List<String> keys = new ArrayList<>();
        flatten("hub", yaml.path("hub"), keys);
        assertThat(keys).filteredOn(key -> settings.containsKey(key) && settings.get(key).has("defaultValue")
                        && settings.get(key).path("defaultValue").asText().equals(yaml.at("/" + key.replace(".", "/")).asText()))
                .as("defaults stated again in application.yaml (they belong on the settings record only)").isEmpty();
    }

    private static void flatten(String path, JsonNode node, List<String> keys) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> flatten(path + "." + field.getKey(), field.getValue(), keys));
        } else {
            keys.add(path);
        }
    }

    /**
     * The settings a documentation cell names: {@code `hub.a.b` / `.c`} (a sibling), {@code hub.a.b / c},
     * {@code hub.a.*} (everything below), {@code hub.a.<name>.b} (any name).
     */
    static List<Pattern> patterns(String cell) {
        List<Pattern> patterns = new ArrayList<>();
        String[] parts = cell.replace("`", "").split("/");
        String first = parts[0].trim().split("\\s")[0];
        if (!first.startsWith("hub.")) {
            return patterns;
        }
        String parent = first.contains(".") ? first.substring(0, first.lastIndexOf('.')) : first;
        patterns.add(regex(first));
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].trim().split("\\s")[0];
            if (part.isEmpty()) {
                continue;
            }
            patterns.add(regex(part.startsWith("hub.") ? part : parent + (part.startsWith(".") ? "" : ".") + part));
        }
        return patterns;
    }

    private static Pattern regex(String name) {
        StringBuilder regex = new StringBuilder();
        Matcher placeholder = Pattern.compile("<[^>]+>").matcher(name);
        int at = 0;
        while (placeholder.find()) {
            regex.append(Pattern.quote(name.substring(at, placeholder.start()))).append("[^.]+");
            at = placeholder.end();
        }
        String rest = name.substring(at);
        if (rest.endsWith(".*")) {
            regex.append(Pattern.quote(rest.substring(0, rest.length() - 1))).append(".+");
        } else {
            regex.append(Pattern.quote(rest));
        }
        return Pattern.compile(regex.toString());
    }
}
