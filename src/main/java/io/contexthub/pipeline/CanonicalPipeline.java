package io.contexthub.pipeline;

import io.contexthub.embedding.Embedder;
import io.contexthub.embedding.EmbeddingText;
import io.contexthub.mapping.CanonicalDocument;
import io.contexthub.mapping.CanonicalSchemas;
import io.contexthub.mapping.MappingRunner;
import io.contexthub.platform.PermanentFailureException;
import io.contexthub.staging.EnvelopeCodec;
import io.contexthub.store.ContextDocument;
import io.contexthub.store.ContextDocumentKey;
import io.contexthub.store.ContextStore;
import io.contexthub.store.StoredEmbedding;
import io.contexthub.store.UpsertResult;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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

    /**
     * Embeds what changed and writes the batch. A document whose model and embedded text hash the same as its
     * stored version keeps its stored vector: re-deliveries and re-syncs cost a lookup, not an inference.
     */
    public ProcessingBatch publish(ProcessingBatch batch) {
        if (batch.documents().isEmpty()) {
            return batch;
        }
        List<CanonicalDocument> documents = batch.documents();
        List<String> texts = batch.texts();
        List<String> hashes = texts.stream().map(this::contentHash).toList();
        Map<String, StoredEmbedding> stored = store.embeddings(documents.stream()
                .map(d -> new ContextDocumentKey(d.entity(), d.id())).toList());
        float[][] vectors = new float[documents.size()][];
        List<Integer> changed = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            StoredEmbedding previous = stored.get(documents.get(i).id());
            if (previous != null && hashes.get(i).equals(previous.contentHash())) {
                vectors[i] = previous.vector();
            } else {
                changed.add(i);
            }
        }
        List<float[]> embedded = embedder.embed(changed.stream().map(texts::get).toList());
        for (int j = 0; j < changed.size(); j++) {
            vectors[changed.get(j)] = embedded.get(j);
        }
        String source = batch.envelope().source();
        meters.counter("hub.embeddings.computed", "source", source).increment(changed.size());
        meters.counter("hub.embeddings.reused", "source", source).increment(documents.size() - changed.size());

        List<ContextDocument> toStore = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            CanonicalDocument document = documents.get(i);
            toStore.add(new ContextDocument(document.id(), document.entity(), document.source(),
                    document.version(), document.json().toString(), texts.get(i), vectors[i], hashes.get(i)));
        }
        UpsertResult result = store.upsert(toStore);
        meters.counter("hub.documents.written", "source", source).increment(result.written().size());
        meters.counter("hub.documents.stale", "source", source).increment(result.stale().size());
        log.info("envelope {} ({}/{}): wrote {}, skipped {} older than the stored version, embedded {} of {}",
                batch.envelope().id(), source, batch.envelope().type(), result.written(), result.stale(),
                changed.size(), documents.size());
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
