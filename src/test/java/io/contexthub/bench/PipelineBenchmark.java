package io.contexthub.bench;

import static org.awaitility.Awaitility.await;

import io.contexthub.ContextHubApplication;
import io.contexthub.embedding.Embedder;
import io.contexthub.store.ContextStore;
import io.contexthub.support.FrontEvents;
import io.contexthub.support.HubClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Throughput and latency of the embedded pipeline, printed as a report; not part of the test suite (tag
 * {@code benchmark}). Run: {@code ./mvnw test -Pbenchmark}. Figures go to docs/performance.md.
 */
@Tag("benchmark")
class PipelineBenchmark {

    static final int EVENTS = 1000;

    @Test
    void report() throws Exception {
        try (var hub = new SpringApplicationBuilder(ContextHubApplication.class).run(
                "--server.port=0", "--hub.data-dir=target/bench-" + UUID.randomUUID(),
                "--hub.api.token=bench", "--hub.webhooks.frontapp.secret=" + FrontEvents.SECRET,
                "--hub.webhooks.rate-limit.requests=1000000", "--logging.level.io.contexthub=WARN")) {
            BenchSupport.addBareRoute(hub);
            HubClient client = BenchSupport.client(hub, "bench");
            ContextStore store = hub.getBean(ContextStore.class);
            StringBuilder report = new StringBuilder("\n=== Context Hub benchmark (embedded defaults) ===\n");
            report.append("cores: ").append(Runtime.getRuntime().availableProcessors()).append('\n');

            report.append(String.format("raw embedding:    %.0f texts/s (%d texts, batch 8, 2 intra-op threads)%n",
                    BenchSupport.rawEmbeddingPerSecond(hub.getBean(Embedder.class)), BenchSupport.EMBED_TEXTS));
            report.append("bare 200 route:   ").append(BenchSupport.bareRoute(client, EVENTS).format("req/s"))
                    .append('\n');

            long ingestStart = System.nanoTime();
            var acks = BenchSupport.webhooks(client, "bench", EVENTS);
            report.append("webhook (spool):  ").append(acks.format("acks/s"))
                    .append(" (verify + fsync'd staging + 202)\n");

            // end to end: from the first webhook until every event is searchable
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200))
                    .until(() -> store.count("event") >= EVENTS);
            double e2e = BenchSupport.seconds(ingestStart);
            double embedded = hub.getBean(MeterRegistry.class).find("hub.embeddings.computed").counters().stream()
                    .mapToDouble(c -> c.count()).sum();
            report.append(String.format("end to end:       %d events (%d documents, %.0f texts embedded) searchable "
                    + "in %.1f s = %.0f documents/s%n", EVENTS, store.count(null), embedded, e2e,
                    store.count(null) / e2e));
            System.out.println(report);
        }
    }
}
