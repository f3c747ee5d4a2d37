package io.contexthub.bench;

import static org.awaitility.Awaitility.await;

import io.contexthub.ContextHubApplication;
import io.contexthub.store.ContextDocument;
import io.contexthub.store.ContextStore;
import io.contexthub.support.HubClient;
import io.contexthub.support.OpenSearchTestNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Erasure of one person among 10,000 documents (tag {@code benchmark}; {@code ./mvnw test -Pbenchmark
 * -Dtest=ErasureBenchmark}), on each store: her customer record and 50 events and invoices about her among 9,949
 * documents about 500 other customers, written straight into the store (vectors are random: embedding is not what
 * is measured). Reported: how long from {@code POST /api/erasures} until the job is done, and what it removed.
 */
@Tag("benchmark")
class ErasureBenchmark {

    static final int DOCUMENTS = 10_000;
    static final int HERS = 50;
    static final String EMAIL = "bench.subject@fjordpost.no";

    @Test
    void report() {
        StringBuilder report = new StringBuilder("\n=== Context Hub erasure benchmark ===\ncores: "
                + Runtime.getRuntime().availableProcessors() + "\n");
        report.append(measure("lucene", new String[0]));
        report.append(measure("opensearch", new String[] {"--hub.store=opensearch", "--hub.opensearch.replicas=0",
            "--hub.opensearch.url=" + OpenSearchTestNode.url(),
            "--hub.opensearch.index-prefix=erabench" + UUID.randomUUID().toString().substring(0, 8)}));
        System.out.println(report);
    }

    static String measure(String name, String[] extra) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--hub.data-dir=target/bench-erasure-"
                + UUID.randomUUID(), "--hub.api.token=bench", "--logging.level.io.contexthub=WARN"));
        args.addAll(Arrays.asList(extra));
        try (ConfigurableApplicationContext hub = new SpringApplicationBuilder(ContextHubApplication.class)
                .run(args.toArray(String[]::new))) {
            ContextStore store = hub.getBean(ContextStore.class);
            write(store);
            HubClient client = BenchSupport.client(hub, "bench");
            long start = System.nanoTime();
            var requested = client.post("/api/erasures", Map.of("Authorization", "Bearer bench", "Content-Type",
                    "application/json"), ("{\"identifier\":\"" + EMAIL + "\"}").getBytes(StandardCharsets.UTF_8));
            String job = requested.json().path("id").asText();
            double accepted = BenchSupport.seconds(start);
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100)).until(() ->
                    "done".equals(client.api("GET", "/api/erasures/" + job).json().path("state").asText()));
            double done = BenchSupport.seconds(start);
            // OpenSearch counts what its last refresh shows
            await().atMost(Duration.ofSeconds(30)).until(() -> store.count(null) == DOCUMENTS - HERS - 1);
            return String.format("  %-10s 1 person among %d documents: request answered (planned, suppressed) in "
                            + "%.2f s, job done in %.2f s; removed %s; %d documents left%n", name, DOCUMENTS, accepted,
                    done, client.api("GET", "/api/erasures/" + job).json().path("removed"), store.count(null));
        }
    }

    static void write(ContextStore store) {
        Random random = new Random(7);
        List<ContextDocument> batch = new ArrayList<>();
        batch.add(document("customer", "customer:bench:subject", ",\"emails\":[\"" + EMAIL + "\"],\"name\":"
                + "\"Bench Subject\"", random));
        for (int i = 0; i < DOCUMENTS - 1; i++) {
            boolean hers = i < HERS;
            String customer = hers ? "customer:bench:subject" : "customer:bench:c" + (i % 500);
            String type = i % 3 == 0 ? "invoice" : "event";
            String fields = type.equals("event")
                    ? ",\"eventType\":\"message.received\",\"occurredAt\":\"" + Instant.ofEpochSecond(1_775_000_000L + i)
                            + "\",\"customer\":{\"id\":\"" + customer + "\"}"
                    : ",\"status\":\"paid\",\"currency\":\"EUR\",\"total\":100,\"customer\":{\"id\":\"" + customer + "\"}";
            batch.add(document(type, type + ":bench:d" + i, fields, random));
            if (batch.size() == 500) {
                store.upsert(batch);
                batch.clear();
            }
        }
        store.upsert(batch);
    }

    static ContextDocument document(String type, String id, String fields, Random random) {
        float[] vector = new float[384];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = random.nextFloat() - 0.5f;
        }
        String json = "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"source\":\"bench\",\"sourceId\":\"" + id
                + "\",\"updatedAt\":\"2026-04-01T00:00:00Z\"" + fields + "}";
        return new ContextDocument(id, type, "bench", 1_775_000_000_000L, json, id + " text", vector, "h-" + id);
    }
}
