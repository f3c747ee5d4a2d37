package io.contexthub.pipeline;

import io.contexthub.embedding.Embedder;
import io.contexthub.embedding.EmbeddingText;
import io.contexthub.mapping.CanonicalDocument;
import io.contexthub.mapping.CanonicalSchemas;
import io.contexthub.mapping.MappingRunner;
import io.contexthub.platform.PermanentFailureException;
import io.contexthub.staging.EnvelopeCodec;
import io.contexthub.store.ContextDocument;
import io.contexthub.store.ContextStore;
import io.contexthub.store.UpsertResult;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The stages of {@code process.canonical}, one method each, called in order by the route: map, validate,
 * render, publish (embed + store, behind the route's circuit breaker), then reject what failed validation.
 */
@Component("canonicalPipeline")
public class CanonicalPipeline {

    private static final Logger log = LoggerFactory.getLogger(CanonicalPipeline.class);

    private final EnvelopeCodec codec;
    private final MappingRunner mappings;
    private final CanonicalSchemas schemas;
    private final EmbeddingText embeddingText;
    private final Embedder embedder;
    private final ContextStore store;
    private final MeterRegistry meters;

    public CanonicalPipeline(EnvelopeCodec codec, MappingRunner mappings, CanonicalSchemas schemas,
                             EmbeddingText embeddingText, Embedder embedder, ContextStore store,
                             MeterRegistry meters) {
        this.codec = codec;
        this.mappings = mappings;
        this.schemas = schemas;
        this.embeddingText = embeddingText;
        this.embedder = embedder;
        this.store = store;
        this.meters = meters;
    }

    public ProcessingBatch map(byte[] stagedEnvelope) {
        var envelope = codec.decode(stagedEnvelope);
        return new ProcessingBatch(envelope, mappings.map(envelope));
    }

    public ProcessingBatch validate(ProcessingBatch batch) {
        for (CanonicalDocument document : List.copyOf(batch.documents())) {
            List<String> violations = schemas.violations(document.entity(), document.json());
            if (!violations.isEmpty()) {
                batch.reject(document, document.id() + " (from " + document.mapping() + ") violates "
                        + document.entity() + ".schema.json: " + String.join("; ", violations));
            }
        }
        return batch;
    }

    /** Renders the embedding texts before the circuit breaker: a template error is bad data, not an outage. */
    public ProcessingBatch render(ProcessingBatch batch) {
        List<String> texts = new ArrayList<>();
        for (CanonicalDocument document : batch.documents()) {
            texts.add(embeddingText.render(document.entity(), document.json()));
        }
        batch.texts(texts);
        return batch;
    }

    public ProcessingBatch publish(ProcessingBatch batch) {
        if (batch.documents().isEmpty()) {
            return batch;
        }
        List<String> texts = batch.texts();
        List<float[]> vectors = embedder.embed(texts);
        List<ContextDocument> stored = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            CanonicalDocument document = batch.documents().get(i);
            stored.add(new ContextDocument(document.id(), document.entity(), document.source(),
                    document.version(), document.json().toString(), texts.get(i), vectors.get(i),
                    contentHash(texts.get(i))));
        }
        UpsertResult result = store.upsert(stored);
        meters.counter("hub.documents.written", "source", batch.envelope().source())
                .increment(result.written().size());
        meters.counter("hub.documents.stale", "source", batch.envelope().source())
                .increment(result.stale().size());
        log.info("envelope {} ({}/{}): wrote {}, skipped {} older than the stored version",
                batch.envelope().id(), batch.envelope().source(), batch.envelope().type(),
                result.written(), result.stale());
        return batch;
    }

    /** Everything valid is published by now; what remains rejected goes to the dead letters with its reasons. */
    public void rejectInvalid(ProcessingBatch batch) {
        if (!batch.rejections().isEmpty()) {
            throw new PermanentFailureException(String.join(" | ", batch.rejections()));
        }
    }

    private String contentHash(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(embedder.modelId().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
