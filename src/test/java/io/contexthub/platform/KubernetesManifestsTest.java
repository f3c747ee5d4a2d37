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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/kubernetes: no Kubernetes API server or Helm here to validate against, so the manifests are parsed and
 * held to what running the hub needs — probes on the hub's health groups, resources, secrets only from a Secret,
 * selectors that select, and every setting a hub setting the configuration metadata knows.
 */
class KubernetesManifestsTest {

    static final Path DIR = Path.of("deploy/kubernetes");
    static final Set<String> NOT_HUB = Set.of("SPRING_KAFKA_BOOTSTRAPSERVERS", "LOGGING_STRUCTURED_FORMAT_CONSOLE",
            "SPRING_MAIN_BANNERMODE");
    static final Map<String, JsonNode> BY_KIND = new HashMap<>();
    static final Set<String> SETTINGS = new TreeSet<>();

    @BeforeAll
    static void read() throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                JsonNode manifest = yaml.readTree(file.toFile());
                assertThat(manifest.path("apiVersion").asText()).as(file.toString()).isNotEmpty();
                assertThat(manifest.path("kind").asText()).as(file.toString()).isNotEmpty();
                BY_KIND.put(manifest.path("kind").asText(), manifest);
            }
        }
        try (InputStream in = KubernetesManifestsTest.class
                .getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            new ObjectMapper().readTree(in).path("properties").forEach(p -> SETTINGS.add(envForm(p.path("name")
                    .asText())));
        }
    }

    /** A setting as its environment variable is named (relaxed binding: upper case, no separators). */
    static String envForm(String name) {
        return name.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
    }

    @Test
    void theKustomizationAppliesEveryManifestButTheSecretExample() throws IOException {
        List<String> resources = new ArrayList<>();
        BY_KIND.get("Kustomization").path("resources").forEach(r -> resources.add(r.asText()));
        try (Stream<Path> files = Files.list(DIR)) {
            assertThat(resources).containsExactlyInAnyOrderElementsOf(files.map(f -> f.getFileName().toString())
                    .filter(f -> !f.equals("kustomization.yaml") && !f.endsWith(".example.yaml")).toList());
        }
    }

    @Test
    void theHubIsProbedOnItsHealthGroupsSizedAndSelected() {
        JsonNode set = BY_KIND.get("StatefulSet");
        assertThat(set.path("spec").path("replicas").asInt()).isGreaterThanOrEqualTo(2);
        JsonNode labels = set.path("spec").path("template").path("metadata").path("labels");
        assertThat(set.path("spec").path("selector").path("matchLabels")).isEqualTo(labels);
        assertThat(BY_KIND.get("Service").path("spec").path("selector")).isEqualTo(labels);
        assertThat(BY_KIND.get("PodDisruptionBudget").path("spec").path("selector").path("matchLabels"))
                .isEqualTo(labels);

        JsonNode hub = set.path("spec").path("template").path("spec").path("containers").path(0);
        assertThat(hub.path("ports").path(0).path("containerPort").asInt()).isEqualTo(8080);
        assertThat(hub.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/actuator/health/readiness");
        assertThat(hub.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/actuator/health/liveness");
        assertThat(hub.at("/startupProbe/httpGet/path").asText()).isEqualTo("/actuator/health/readiness");
        assertThat(hub.at("/resources/requests/cpu").asText()).isNotEmpty();
        assertThat(hub.at("/resources/requests/memory").asText()).isNotEmpty();
        assertThat(hub.at("/resources/limits/memory").asText()).isNotEmpty();
        // the image's data directory (HUB_DATADIR in docker/Dockerfile) is the volume
        assertThat(hub.path("volumeMounts").findValuesAsText("mountPath")).contains("/var/lib/context-hub");
    }

    @Test
    void secretsComeOnlyFromTheSecretAndEverySettingIsTheHubs() {
        JsonNode hub = BY_KIND.get("StatefulSet").at("/spec/template/spec/containers/0");
        assertThat(hub.path("env").isMissingNode() || hub.path("env").isEmpty()).as("no literal env").isTrue();
        assertThat(hub.path("envFrom").findValuesAsText("name")).containsExactlyInAnyOrder(
                BY_KIND.get("ConfigMap").at("/metadata/name").asText(), BY_KIND.get("Secret").at("/metadata/name")
                        .asText());

        Set<String> plain = new TreeSet<>();
        BY_KIND.get("ConfigMap").path("data").fieldNames().forEachRemaining(plain::add);
        Set<String> secret = new TreeSet<>();
        BY_KIND.get("Secret").path("stringData").fieldNames().forEachRemaining(secret::add);
        assertThat(plain).noneMatch(name -> name.matches(".*(TOKEN|SECRET|PASSWORD|KEY)$"));
        assertThat(secret).contains("HUB_API_TOKEN", "HUB_PRIVACY_SUPPRESSIONKEY", "HUB_AUDIT_KEY");
        Set<String> all = new TreeSet<>(plain);
        all.addAll(secret);
        assertThat(all).allSatisfy(name -> {
            if (!NOT_HUB.contains(name)) {
                assertThat(SETTINGS).as(name + " is a hub setting").contains(envForm(name));
            }
        });
        assertThat(BY_KIND.get("ConfigMap").path("data").path("HUB_STAGING").asText()).isEqualTo("kafka");
        assertThat(BY_KIND.get("ConfigMap").path("data").path("HUB_STORE").asText()).isEqualTo("opensearch");
    }
}
