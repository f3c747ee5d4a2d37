package io.contexthub.bench;

import io.contexthub.ContextHubApplication;
import io.contexthub.embedding.Embedder;
import io.contexthub.support.FrontEvents;
import io.contexthub.support.HubClient;
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
            StringBuilder report = new StringBuilder("\n=== Context Hub benchmark (embedded defaults) ===\n");
            report.append("cores: ").append(Runtime.getRuntime().availableProcessors()).append('\n');

            report.append(String.format("raw embedding:    %.0f texts/s (%d texts)%n",
                    BenchSupport.rawEmbeddingPerSecond(hub.getBean(Embedder.class)), BenchSupport.EMBED_TEXTS));
            report.append("bare 200 route:   ").append(BenchSupport.bareRoute(client, EVENTS).format("req/s"))
                    .append('\n');

            report.append(BenchSupport.ingestAndProcess(hub, client, "stage.spool.consume", "spool", EVENTS));
            System.out.println(report);
        }
    }
}
