package io.contexthub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.store.ContextStore;
import io.contexthub.support.FrontEvents;
import io.contexthub.support.HubClient;
import io.contexthub.support.HubTest;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Staged envelopes are processed in micro-batches: one embedding call and one store write for the batch, while
 * bad data in one envelope dead-letters that envelope alone. The consumer is held back until everything is
 * staged, and the batch size equals what is staged, so the batch is exactly these envelopes.
 */
@HubTest
@TestPropertySource(properties = {
        "hub.api.token=batch-token",
        "hub.webhooks.frontapp.secret=front_test_app_signing_key",
        "hub.processing.auto-startup=false",
        "hub.processing.batch.size=" + MicroBatchTest.BATCH,
        "hub.processing.batch.timeout-millis=60000"})
class MicroBatchTest {

    static final int GOOD = 5;
    static final int BATCH = GOOD + 2;
    @Value("${hub.data-dir}")
    Path data;
    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    CamelContext camel;
    @Autowired
    ContextStore store;
    @Autowired
    MeterRegistry meters;

    @Test
    void aBatchIsWrittenAtOnceAndItsBadEnvelopesAreDeadLetteredAlone() throws Exception {
        HubClient hub = new HubClient(port, "batch-token");
        for (int i = 0; i < GOOD; i++) {
            assertThat(hub.postFront(FrontEvents.SECRET, FrontEvents.inbound("evt_batch" + i, "msg_batch" + i,
                    "Batch message number " + i + " about a delayed parcel", null)).status()).isEqualTo(202);
        }
        Path inbound = data.resolve("spool/inbound");
        Files.writeString(inbound.resolve("0000000000001-not-json.json"), "this is not an envelope");
        Files.writeString(inbound.resolve("0000000000002-no-mapping.json"), """
                {"id":"0000000000002-no-mapping","source":"frontapp","stream":"no-such-stream","type":"x",
                 "receivedAt":"2026-11-23T00:00:00Z","idempotencyKey":"frontapp:x","verified":true,"payload":{}}""");
        assertThat(files("spool/inbound")).hasSize(BATCH);

        camel.getRouteController().startRoute("stage.spool.consume");

        await().atMost(Duration.ofSeconds(60)).until(() -> files("spool/inbound").isEmpty()
                && files("deadletters").size() == 2);
        DistributionSummary batches = meters.get("hub.batch.envelopes").summary();
        assertThat(batches.count()).as("one batch").isEqualTo(1);
        assertThat(batches.totalAmount()).as("holding every staged envelope").isEqualTo(BATCH);
        assertThat(meters.get("hub.embeddings.computed").counter().count())
                .as("every stored document was embedded in that batch").isEqualTo(store.count(null));
        for (int i = 0; i < GOOD; i++) {
            assertThat(store.get("event", "event:frontapp:msg_batch" + i)).isPresent();
        }
        List<JsonNode> letters = new ArrayList<>();
        for (Path letter : files("deadletters")) {
            letters.add(JSON.readTree(letter.toFile()));
        }
        assertThat(letters).hasSize(2).allSatisfy(letter -> assertThat(letter.path("stage").asText()).isEqualTo("map"));
        assertThat(letters).extracting(letter -> letter.path("cause").path("message").asText())
                .anySatisfy(message -> assertThat(message).contains("not readable JSON"))
                .anySatisfy(message -> assertThat(message).contains("no mapping for source frontapp, stream no-such-stream"));
        assertThat(letters).extracting(letter -> letter.path("envelope").asText())
                .as("the unreadable envelope is kept as it arrived").contains("this is not an envelope");
    }

    List<Path> files(String dir) throws IOException {
        Path path = data.resolve(dir);
        if (!Files.isDirectory(path)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(path)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).toList();
        }
    }
}
