package io.contexthub.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.ContextHubApplication;
import io.contexthub.embedding.Embedder;
import io.contexthub.store.ContextDocument;
import io.contexthub.store.ContextStore;
import io.contexthub.store.opensearch.OpenSearchContextStore;
import io.contexthub.store.opensearch.OpenSearchProperties;
import io.contexthub.support.FrontEvents;
import io.contexthub.support.HubClient;
import io.contexthub.support.OpenSearchTestNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The production backbone measured in one run (tag {@code benchmark}; {@code ./mvnw test -Pbenchmark}): webhook
 * acks on Kafka staging next to a bare 200 route on the same server, end to end into OpenSearch next to raw
 * embedding, and the hub's bulk writes next to OpenSearch's own bulk rate for the same pre-embedded documents.
 * A KRaft broker and an OpenSearch node run on the same machine as the hub.
 */
@Tag("benchmark")
class BackboneBenchmark {

    static final int EVENTS = 1000;
    static final int BULK_DOCUMENTS = 4096;
    static final int BULK_BATCH = 64;
    static final String PREFIX = "bench" + UUID.randomUUID().toString().substring(0, 8);
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void report() throws Exception {
        var kafka = new EmbeddedKafkaKraftBroker(1, 6);
        kafka.afterPropertiesSet();
        try (var hub = new SpringApplicationBuilder(ContextHubApplication.class).run(
                "--server.port=0", "--hub.data-dir=target/bench-backbone-" + UUID.randomUUID(),
                "--hub.api.token=bench", "--hub.webhooks.frontapp.secret=" + FrontEvents.SECRET,
                "--hub.webhooks.rate-limit.requests=1000000", "--logging.level.io.contexthub=WARN",
                "--hub.staging=kafka", "--spring.kafka.bootstrap-servers=" + kafka.getBrokersAsString(),
                "--hub.store=opensearch", "--hub.opensearch.url=" + OpenSearchTestNode.url(),
                "--hub.opensearch.index-prefix=" + PREFIX, "--hub.opensearch.replicas=0")) {
            BenchSupport.addBareRoute(hub);
            HubClient client = BenchSupport.client(hub, "bench");
            Embedder embedder = hub.getBean(Embedder.class);
            ContextStore store = hub.getBean(ContextStore.class);
            StringBuilder report = new StringBuilder("\n=== Context Hub benchmark (Kafka + OpenSearch) ===\n");
            report.append("cores: ").append(Runtime.getRuntime().availableProcessors())
                    .append("; broker, OpenSearch node and hub share them\n");

            // 1. acknowledgements on Kafka next to the bare route; 2. processing into OpenSearch next to raw embedding
            report.append("bare 200 route:    ").append(BenchSupport.bareRoute(client, EVENTS).format("req/s"))
                    .append('\n');
            report.append(BenchSupport.ingestAndProcess(hub, client, "stage.kafka.consume", "Kafka", EVENTS));
            report.append(String.format("raw embedding:     %.0f texts/s (batch 8, 2 intra-op threads)%n",
                    BenchSupport.rawEmbeddingPerSecond(embedder)));

            // 3. bulk writes of pre-embedded documents: the hub's store vs OpenSearch's _bulk alone
            List<ContextDocument> prepared = preEmbedded(embedder);
            long hubStart = System.nanoTime();
            for (int i = 0; i < prepared.size(); i += BULK_BATCH) {
                store.upsert(prepared.subList(i, Math.min(prepared.size(), i + BULK_BATCH)));
            }
            double hubBulk = prepared.size() / BenchSupport.seconds(hubStart);
            double rawBulk = rawBulk(prepared);
            report.append(String.format("bulk, hub store:   %.0f documents/s (%d pre-embedded documents, "
                    + "%d per bulk, external versions, per-item checks)%n", hubBulk, prepared.size(), BULK_BATCH));
            report.append(String.format("bulk, raw _bulk:   %.0f documents/s (same documents and batch size, "
                    + "plain index actions)%n", rawBulk));
            System.out.println(report);
        } finally {
            kafka.destroy();
        }
    }

    /** Distinct documents with real vectors; a handful of vectors reused so embedding time stays out of it. */
    static List<ContextDocument> preEmbedded(Embedder embedder) {
        List<String> texts = BenchSupport.sentences(64);
        List<float[]> vectors = embedder.embed(texts);
        List<ContextDocument> documents = new ArrayList<>();
        for (int i = 0; i < BULK_DOCUMENTS; i++) {
            String id = "event:bench:b" + i;
            String json = "{\"id\":\"" + id + "\",\"type\":\"event\",\"source\":\"bench\",\"occurredAt\":"
                    + "\"2026-11-23T00:00:00Z\"}";
            documents.add(new ContextDocument(id, "event", "bench", 1, json, texts.get(i % 64),
                    vectors.get(i % 64), "hash-" + i));
        }
        return documents;
    }

    /** The same documents through OpenSearch's _bulk with nothing of the hub in the path, into a twin index. */
    static double rawBulk(List<ContextDocument> documents) throws Exception {
        String rawPrefix = PREFIX + "raw";
        new OpenSearchContextStore(new OpenSearchProperties(URI.create(OpenSearchTestNode.url()), rawPrefix, null, null, 0,
                "false"), JSON).close();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < documents.size(); i += BULK_BATCH) {
            StringBuilder bulk = new StringBuilder();
            for (ContextDocument document : documents.subList(i, Math.min(documents.size(), i + BULK_BATCH))) {
                bulk.append("{\"index\":{\"_index\":\"").append(rawPrefix).append("-event\",\"_id\":\"")
                        .append(document.id()).append("\"}}\n");
                ObjectNode source = JSON.createObjectNode().put("id", document.id()).put("type", document.type())
                        .put("source", document.source()).put("version", document.version())
                        .put("text", document.text()).put("contentHash", document.contentHash())
                        .put("occurredAt", "2026-11-23T00:00:00Z");
                source.set("document", JSON.readTree(document.json()));
                var vector = source.putArray("vector");
                for (float v : document.vector()) {
                    vector.add(v);
                }
                bulk.append(source).append('\n');
            }
            bodies.add(bulk.toString());
        }
        HttpClient http = HttpClient.newHttpClient();
        long start = System.nanoTime();
        for (String body : bodies) {
            var response = http.send(HttpRequest.newBuilder(URI.create(OpenSearchTestNode.url() + "/_bulk"))
                    .header("content-type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || JSON.readTree(response.body()).path("errors").asBoolean()) {
                throw new IllegalStateException("raw bulk failed: " + response.body().substring(0, 300));
            }
        }
        return documents.size() / BenchSupport.seconds(start);
    }
}
