package io.contexthub.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.contexthub.mapping.MappingRunner;
import io.contexthub.staging.Envelope;
import io.contexthub.support.FrontEvents;
import io.contexthub.support.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/** Integrators change mappings and routes in a directory, without rebuilding the hub. */
class AssetsTest {

    static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    @TempDir
    Path dir;

    static HubProperties hub(Path assets) {
        return new HubProperties(Path.of("target"), assets, HubProperties.Staging.spool, HubProperties.Store.lucene);
    }

    @Test
    void packagedAssetsAreUsedByDefault() {
        Assets assets = new Assets(hub(null));

        assertThat(assets.root()).isEqualTo("classpath:hub/");
        assertThat(assets.list("mappings/frontapp/events-to-*.jsonata")).hasSize(2);
        assertThat(assets.read("canonical-model/event.schema.json")).contains("\"title\": \"Event\"");
    }

    @Test
    void aChangedMappingInTheAssetsDirectoryTakesEffect() throws IOException {
        for (String folder : new String[] {"routes", "mappings", "canonical-model", "connectors"}) {
            TestFiles.copyTree(Path.of(folder), dir.resolve(folder));
        }
        Path mapping = dir.resolve("mappings/frontapp/events-to-event.jsonata");
        Files.writeString(mapping, Files.readString(mapping)
                .replace("\"channel\": $message.type,", "\"channel\": \"front-\" & $message.type,"));
        var runner = new MappingRunner(new Assets(hub(dir)), JSON);

        var envelope = new Envelope("e1", "frontapp", "events", "inbound_received", Instant.EPOCH,
                "frontapp:evt_3s78kxhw", true, FrontEvents.INBOUND.body());
        var event = runner.map(envelope).stream().filter(d -> d.entity().equals("event")).findFirst().orElseThrow();

        assertThat(event.json().path("channel").asText()).isEqualTo("front-email");
    }

    @Test
    void aMappingEditedWhileTheHubRunsTakesEffectOnceItsDirectoryIsLookedAtAgain() throws IOException {
        for (String folder : new String[] {"routes", "mappings", "canonical-model", "connectors"}) {
            TestFiles.copyTree(Path.of(folder), dir.resolve(folder));
        }
        Path mapping = dir.resolve("mappings/frontapp/events-to-event.jsonata");
        String original = Files.readString(mapping);
        var now = new java.util.concurrent.atomic.AtomicReference<>(Instant.parse("2026-12-02T10:00:00Z"));
        var runner = new MappingRunner(new Assets(hub(dir)), JSON, java.util.List.of(),
                new io.contexthub.support.TestClock(now::get));
        var envelope = new Envelope("e1", "frontapp", "events", "inbound_received", Instant.EPOCH,
                "frontapp:evt_3s78kxhw", true, FrontEvents.INBOUND.body());
        java.util.function.Supplier<String> channel = () -> runner.map(envelope).stream()
                .filter(d -> d.entity().equals("event")).findFirst().orElseThrow().json().path("channel").asText();
        assertThat(channel.get()).isEqualTo("email");

        Files.writeString(mapping, original.replace("\"channel\": $message.type,",
                "\"channel\": \"edited-\" & $message.type,"));
        assertThat(channel.get()).as("within the recheck period the mapping in use stays").isEqualTo("email");
        now.set(now.get().plusSeconds(2));
        assertThat(channel.get()).isEqualTo("edited-email");

        Files.writeString(mapping, original.replace("\"channel\": $message.type,", "\"channel\": $message.type,,"));
        now.set(now.get().plusSeconds(2));
        assertThatThrownBy(() -> runner.map(envelope)).isInstanceOf(PermanentFailureException.class)
                .hasMessageContaining("events-to-event.jsonata").hasMessageContaining("does not compile");

        Files.writeString(mapping, original);
        now.set(now.get().plusSeconds(2));
        assertThat(channel.get()).as("fixed: mapped again").isEqualTo("email");
    }

    @Test
    void anIncompleteAssetsDirectoryFailsFastNamingTheSetting() {
        assertThatThrownBy(() -> new Assets(hub(dir)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("hub.assets-dir")
                .hasMessageContaining("routes/");
    }

    @Test
    void theRoutesFollowTheAssetsDirectory() throws IOException {
        TestFiles.copyTree(Path.of("routes"), dir.resolve("routes"));
        TestFiles.copyTree(Path.of("connectors"), dir.resolve("connectors"));
        var environment = new MockEnvironment().withProperty("hub.assets-dir", dir.toString())
                .withProperty("hub.staging", "kafka");
        new RouteFiles(DEFERRED_LOGS).postProcessEnvironment(environment, new SpringApplication());

        String routes = dir.toAbsolutePath().normalize() + "/routes/";
        assertThat(environment.getProperty("camel.main.routes-include-pattern").split(","))
                .contains("file:" + routes + "templates.yaml", "file:" + routes + "staging/kafka.yaml",
                        "file:" + dir.toAbsolutePath().normalize() + "/connectors/salesforce/routes.yaml")
                .doesNotContain("file:" + routes + "staging/spool.yaml")
                .noneMatch(file -> file.contains("changes.yaml"));
    }

    @Test
    void anExplicitRoutePatternWins() {
        var environment = new MockEnvironment();
        environment.getPropertySources().addFirst(new org.springframework.core.env.MapPropertySource("commandLineArgs",
                java.util.Map.of("camel.main.routes-include-pattern", "file:/somewhere/*.yaml")));
        new RouteFiles(DEFERRED_LOGS).postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("camel.main.routes-include-pattern")).isEqualTo("file:/somewhere/*.yaml");
    }

    @Test
    void anUnknownBusFailsFastNamingTheSetting() {
        var environment = new MockEnvironment().withProperty("hub.staging", "rabbit");

        assertThatThrownBy(() -> new RouteFiles(DEFERRED_LOGS).postProcessEnvironment(environment,
                new SpringApplication()))
                .hasMessageContaining("hub.staging=rabbit")
                .hasMessageContaining("routes/staging/rabbit.yaml");
    }

    static final org.springframework.boot.logging.DeferredLogFactory DEFERRED_LOGS =
            new org.springframework.boot.logging.DeferredLogs();
}
