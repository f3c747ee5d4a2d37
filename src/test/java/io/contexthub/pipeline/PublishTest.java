package io.contexthub.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.embedding.Embedder;
import io.contexthub.mapping.CanonicalDocument;
import io.contexthub.store.LuceneContextStore;
import io.contexthub.tenant.TenantProperties;
import io.contexthub.tenant.TenantQuotas;
import io.contexthub.tenant.Tenants;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The publish step on its own, with a real Lucene store and an embedder that records what it was asked: a document
 * repeated in a batch is embedded and written once, in its newest version; a document whose text did not change
 * keeps its stored vector; only changed texts reach the model.
 */
class PublishTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    LuceneContextStore store;
    SimpleMeterRegistry meters;
    final List<List<String>> asked = new ArrayList<>();
    CanonicalPipeline pipeline;
    Embedder recording;

    @BeforeEach
    void open() {
        store = new LuceneContextStore(dir);
        meters = new SimpleMeterRegistry();
        recording = new Embedder() {
            @Override
            public List<float[]> embed(List<String> texts) {
                asked.add(List.copyOf(texts));
                return texts.stream().map(t -> new float[] {1, t.length(), 0}).map(PublishTest::unit).toList();
            }

            @Override
            public int dimensions() {
                return 3;
            }

            @Override
            public String modelId() {
                return "recording";
            }
        };
        pipeline = new CanonicalPipeline(null, null, null, null, recording, store, meters, null, Tenants.single(),
                new TenantQuotas(Tenants.single(), meters), io.contexthub.tracing.Traces.none());
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    @Test
    void aDocumentRepeatedInABatchIsEmbeddedAndWrittenOnceInItsNewestVersion() {
        PreparedBatch batch = batch(
                envelope(customer("2026-05-01T00:00:00Z", "Ann"), "Customer Ann"),
                envelope(customer("2026-05-03T00:00:00Z", "Ann Lee"), "Customer Ann Lee"),
                envelope(customer("2026-05-02T00:00:00Z", "Ann L."), "Customer Ann L."));

        pipeline.publish(batch);

        assertThat(asked).containsExactly(List.of("Customer Ann Lee"));
        assertThat(store.get("customer", "customer:stripe:cus_1")).get()
                .satisfies(d -> assertThat(d.json()).contains("Ann Lee"));
        assertThat(meters.counter("hub.documents.written", "source", "stripe", "tenant", "default").count()).isEqualTo(1);
    }

    @Test
    void anUnchangedTextKeepsItsVectorAndOnlyChangedTextsReachTheModel() {
        pipeline.publish(batch(envelope(customer("2026-05-01T00:00:00Z", "Ann"), "Customer Ann"),
                envelope(event("msg_1", "Where is my parcel?"), "Where is my parcel?")));
        asked.clear();

        // a redelivery of both, the customer with a newer version but the same text, and a new event
        pipeline.publish(batch(envelope(customer("2026-05-04T00:00:00Z", "Ann"), "Customer Ann"),
                envelope(event("msg_1", "Where is my parcel?"), "Where is my parcel?"),
                envelope(event("msg_2", "It arrived, thanks"), "It arrived, thanks")));

        assertThat(asked).containsExactly(List.of("It arrived, thanks"));
        assertThat(meters.counter("hub.embeddings.reused", "source", "stripe").count()).isEqualTo(2);
        assertThat(meters.counter("hub.embeddings.computed", "source", "stripe").count()).isEqualTo(3);
        assertThat(store.get("customer", "customer:stripe:cus_1")).get()
                .satisfies(d -> assertThat(d.version()).isEqualTo(java.time.Instant.parse("2026-05-04T00:00:00Z")
                        .toEpochMilli()));
    }

    @Test
    void aTenantAtItsDocumentLimitStillUpdatesWhatItKeepsAndRefusesOnlyNewDocuments() {
        Tenants tenants = new Tenants(new TenantProperties(Map.of("small",
                new TenantProperties.Tenant(null, null, null, null, 2L))));
        CanonicalPipeline limited = new CanonicalPipeline(null, null, null, null, recording, store, meters, null,
                tenants, new TenantQuotas(tenants, meters), io.contexthub.tracing.Traces.none());
        PreparedBatch first = limited.publish(batch(
                envelope(customer("2026-05-01T00:00:00Z", "Ann"), "Customer Ann", "small"),
                envelope(event("msg_1", "Where is my parcel?"), "Where is my parcel?", "small")));
        assertThat(first.rejections()).isEmpty();

        PreparedBatch second = limited.publish(batch(
                envelope(customer("2026-05-04T00:00:00Z", "Ann Lee"), "Customer Ann Lee", "small"),
                envelope(event("msg_2", "It arrived, thanks"), "It arrived, thanks", "small")));

        assertThat(store.get("customer", "customer:stripe:cus_1")).get()
                .satisfies(d -> assertThat(d.json()).contains("Ann Lee"));
        assertThat(store.get("event", "event:stripe:msg_2")).isEmpty();
        assertThat(second.rejections()).singleElement().satisfies(rejection -> {
            assertThat(rejection.stage()).isEqualTo("publish");
            assertThat(rejection.message()).contains("hub.tenants.small.max-documents");
        });
        assertThat(meters.counter("hub.tenant.documents.refused", "tenant", "small").count()).isEqualTo(1);
    }

    private static PreparedBatch batch(MappedEnvelope... envelopes) {
        PreparedBatch batch = new PreparedBatch();
        for (MappedEnvelope envelope : envelopes) {
            batch.add(envelope);
        }
        return batch;
    }

    private static MappedEnvelope envelope(CanonicalDocument document, String text) {
        return envelope(document, text, Tenants.DEFAULT);
    }

    private static MappedEnvelope envelope(CanonicalDocument document, String text, String tenant) {
        MappedEnvelope envelope = new MappedEnvelope(new byte[0], new io.contexthub.staging.Envelope("e", "stripe",
                "events", "invoice.updated", java.time.Instant.EPOCH, "stripe:e", true, null, tenant),
                List.of(document));
        envelope.texts(List.of(text));
        return envelope;
    }

    private static CanonicalDocument customer(String updatedAt, String name) {
        ObjectNode json = JSON.createObjectNode().put("id", "customer:stripe:cus_1").put("type", "customer")
                .put("source", "stripe").put("sourceId", "cus_1").put("updatedAt", updatedAt).put("name", name);
        return new CanonicalDocument("customer", "customer:stripe:cus_1", "test", json);
    }

    private static CanonicalDocument event(String id, String text) {
        ObjectNode json = JSON.createObjectNode().put("id", "event:stripe:" + id).put("type", "event")
                .put("source", "stripe").put("sourceId", id).put("occurredAt", "2026-05-01T00:00:00Z")
                .put("eventType", "message.received").put("text", text);
        return new CanonicalDocument("event", "event:stripe:" + id, "test", json);
    }

    private static float[] unit(float[] v) {
        double norm = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        return new float[] {(float) (v[0] / norm), (float) (v[1] / norm), (float) (v[2] / norm)};
    }
}
