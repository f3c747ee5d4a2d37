package io.contexthub.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.contexthub.ContextHubApplication;
import io.contexthub.embedding.Embedder;
import io.contexthub.store.ContextStore;
import io.contexthub.support.FrontEvents;
import io.contexthub.support.HubClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Throughput and latency of the embedded pipeline, printed as a report; not part of the test suite (tag
 * {@code benchmark}). Run: {@code ./mvnw test -Pbenchmark}. Figures go to docs/performance.md.
 */
@Tag("benchmark")
class PipelineBenchmark {

    static final int WARMUP = 100;
    static final int EVENTS = 1000;
    static final int EMBED_TEXTS = 512;

    @Test
    void report() throws Exception {
        try (var hub = new SpringApplicationBuilder(ContextHubApplication.class).run(
                "--server.port=0", "--hub.data-dir=target/bench-" + UUID.randomUUID(),
                "--hub.api.token=bench", "--hub.webhooks.frontapp.secret=" + FrontEvents.SECRET,
                "--hub.webhooks.rate-limit.requests=1000000", "--logging.level.io.contexthub=WARN")) {
            hub.getBean(CamelContext.class).addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("platform-http:/bench/ok?httpMethodRestrict=POST").routeId("bench.ok")
                            .removeHeaders("*").setHeader("CamelHttpResponseCode", constant(200))
                            .setBody(constant("{}"));
                }
            });
            HubClient client = new HubClient(Integer.parseInt(hub.getEnvironment().getProperty("local.server.port")),
                    "bench");
            Embedder embedder = hub.getBean(Embedder.class);
            ContextStore store = hub.getBean(ContextStore.class);
            StringBuilder report = new StringBuilder("\n=== Context Hub benchmark (embedded defaults) ===\n");
            report.append("cores: ").append(Runtime.getRuntime().availableProcessors()).append('\n');

            // 1. raw embedding throughput, ~35-token sentences
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < EMBED_TEXTS; i++) {
                texts.add("Customer " + i + " asks when the order placed last week with Brandon will be delivered "
                        + "to the warehouse in Springfield, and whether the invoice was paid.");
            }
            embedder.embed(texts.subList(0, 64));
            long t0 = System.nanoTime();
            embedder.embed(texts);
            double embedPerSec = EMBED_TEXTS / seconds(t0);
            report.append(String.format("raw embedding: %.0f texts/s (%d texts, batch 8, 2 intra-op threads)%n",
                    embedPerSec, EMBED_TEXTS));

            // 2. ack latency: bare 200 route vs webhook ingress on the spool, sequential requests
            byte[] bare = "{}".getBytes();
            for (int i = 0; i < WARMUP; i++) {
                client.post("/bench/ok", Map.of("content-type", "application/json"), bare);
            }
            long[] bareLatency = new long[EVENTS];
            long bareStart = System.nanoTime();
            for (int i = 0; i < EVENTS; i++) {
                long s = System.nanoTime();
                client.post("/bench/ok", Map.of("content-type", "application/json"), bare);
                bareLatency[i] = System.nanoTime() - s;
            }
            double bareRate = EVENTS / seconds(bareStart);

            long[] ackLatency = new long[EVENTS];
            long ingestStart = System.nanoTime();
            for (int i = 0; i < EVENTS; i++) {
                byte[] body = FrontEvents.inbound("evt_bench_" + i, "msg_bench_" + i,
                        "Order " + i + " has not arrived yet; can you check where the parcel is?", null);
                long s = System.nanoTime();
                var reply = client.postFront(FrontEvents.SECRET, body);
                ackLatency[i] = System.nanoTime() - s;
                assertThat(reply.status()).isEqualTo(202);
            }
            double ackRate = EVENTS / seconds(ingestStart);
            report.append(String.format("bare 200 route:   %.0f req/s, p50 %.2f ms, p99 %.2f ms%n",
                    bareRate, percentile(bareLatency, 50), percentile(bareLatency, 99)));
            report.append(String.format("webhook (spool):  %.0f acks/s, p50 %.2f ms, p99 %.2f ms "
                    + "(verify + fsync'd staging + 202)%n", ackRate, percentile(ackLatency, 50),
                    percentile(ackLatency, 99)));

            // 3. end to end: from the first webhook until every event is searchable
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200))
                    .until(() -> store.count("event") >= EVENTS);
            double e2e = seconds(ingestStart);
            report.append(String.format("end to end:       %d events (%d documents) searchable in %.1f s = "
                    + "%.0f documents/s%n", EVENTS, store.count(null), e2e, store.count(null) / e2e));
            System.out.println(report);
        }
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static double percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
