package io.contexthub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.contexthub.support.FrontEvents;
import io.contexthub.support.HubClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Nothing acknowledged is lost across a stop: the spool and the index both live on disk. */
class RestartTest {

    static final Path DATA = Path.of("target", "restart-" + UUID.randomUUID());

    static ConfigurableApplicationContext start(boolean processing) {
        return new SpringApplicationBuilder(ContextHubApplication.class).run(
                "--server.port=0",
                "--hub.data-dir=" + DATA,
                "--hub.api.token=restart-token",
                "--hub.webhooks.frontapp.secret=" + FrontEvents.SECRET,
                "--hub.processing.auto-startup=" + processing);
    }

    static HubClient client(ConfigurableApplicationContext hub) {
        return new HubClient(Integer.parseInt(hub.getEnvironment().getProperty("local.server.port")),
                "restart-token");
    }

    static long staged() throws IOException {
        try (Stream<Path> files = Files.list(DATA.resolve("spool/inbound"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).count();
        }
    }

    @Test
    void anEnvelopeStagedBeforeAStopIsSearchableAfterTheRestartAndTheIndexSurvivesAnother() throws IOException {
        byte[] body = FrontEvents.inbound("evt_restart", "msg_restart",
                "My invoice shows the wrong billing address, please correct it.", null);

        try (var first = start(false)) {
            assertThat(client(first).postFront(FrontEvents.SECRET, body).status()).isEqualTo(202);
            assertThat(staged()).as("acknowledged means on disk").isEqualTo(1);
        }

        try (var second = start(true)) {
            HubClient hub = client(second);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    hub.search("incorrect address on my bill", "event", 1).json().path("hits").path(0).path("id")
                            .asText()).isEqualTo("event:frontapp:msg_restart"));
            await().atMost(Duration.ofSeconds(10)).until(() -> staged() == 0);
        }

        try (var third = start(false)) {
            HubClient hub = client(third);
            assertThat(hub.search("incorrect address on my bill", "event", 1).json().path("hits").path(0)
                    .path("id").asText()).as("index read back from disk").isEqualTo("event:frontapp:msg_restart");
            var again = hub.postFront(FrontEvents.SECRET, body);
            assertThat(again.status()).as("idempotency keys survive too").isEqualTo(200);
            assertThat(staged()).isZero();
        }
    }
}
