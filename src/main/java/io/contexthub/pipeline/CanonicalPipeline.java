package io.contexthub.pipeline;

import io.contexthub.embedding.Embedder;
import io.contexthub.embedding.EmbeddingText;
import io.contexthub.mapping.CanonicalDocument;
import io.contexthub.mapping.CanonicalSchemas;
import io.contexthub.mapping.MappingRunner;
import io.contexthub.platform.PermanentFailureException;
import io.contexthub.platform.Rejection;
import io.contexthub.platform.Stage;
import io.contexthub.staging.EnvelopeCodec;
import io.contexthub.store.ContextDocument;
import io.contexthub.store.ContextDocumentKey;
import io.contexthub.store.ContextStore;
import io.contexthub.store.FilterFields;
import io.contexthub.store.StoredEmbedding;
import io.contexthub.store.UpsertResult;
import io.contexthub.suppression.Suppressions;
import io.contexthub.tenant.TenantQuotas;
import io.contexthub.tenant.Tenants;
import io.contexthub.tracing.Traces;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The stages of the processing routes, one method each. Per envelope ({@code process.envelope}): map, validate,
 * render. Per micro-batch ({@code process.canonical}): publish (embed what changed + one bulk write, behind the
 * route's circuit breaker); the batch's rejections are dead-lettered after that.
 */
@Component("canonicalPipeline")
public class CanonicalPipeline {

    static final String PUBLISH_ROUTE = "process.canonical";
    static final String ENVELOPE_ROUTE = "process.envelope";

    private static final Logger log = LoggerFactory.getLogger(CanonicalPipeline.class);

    private final EnvelopeCodec codec;
    private final MappingRunner mappings;
    private final CanonicalSchemas schemas;
    private final EmbeddingText embeddingText;
    private final Embedder embedder;
    private final ContextStore store;
    private final MeterRegistry meters;
    private final Suppressions suppressions;
    private final Tenants tenants;
    private final TenantQuotas quotas;
    private final Traces traces;

    public CanonicalPipeline(EnvelopeCodec codec, MappingRunner mappings, CanonicalSchemas schemas,
                             EmbeddingText embeddingText, Embedder embedder, ContextStore store,
                             MeterRegistry meters, Suppressions suppressions, Tenants tenants, TenantQuotas quotas,
                             Traces traces) {
        this.traces = traces;
        this.tenants = tenants;
        this.quotas = quotas;
        this.suppressions = suppressions;
        this.codec = codec;
        this.mappings = mappings;
        this.schemas = schemas;
        this.embeddingText = embeddingText;
        this.embedder = embedder;
        this.store = store;
        this.meters = meters;
    }

    public MappedEnvelope map(byte[] stagedEnvelope) {
        var envelope = codec.decode(stagedEnvelope);
        Span span = traces.start("hub.process.envelope", envelope.traceparent())
                .tag("hub.source", envelope.source()).tag("hub.stream", envelope.stream())
                .tag("hub.envelope.id", envelope.id()).tag("hub.tenant", envelope.tenant())
                .tag("hub.correlation.id", String.valueOf(envelope.correlationId()));
        try {
            if (!tenants.exists(envelope.tenant())) {
                throw new PermanentFailureException("envelope " + envelope.id() + " belongs to tenant '"
                        + envelope.tenant() + "', which this hub does not configure (hub.tenants." + envelope.tenant()
                        + ")");
            }
            MappedEnvelope mapped = new MappedEnvelope(stagedEnvelope, envelope, tenants.in(envelope.tenant(),
                    () -> mappings.map(envelope)));
            mapped.span(span.event("mapped"));
            return mapped;
        } catch (RuntimeException e) {
            span.tag("hub.outcome", "dead letter").error(e);
            span.end();
            throw e;
        }
    }

    public MappedEnvelope validate(MappedEnvelope mapped) {
        tenants.run(mapped.envelope().tenant(), () -> suppress(mapped));
        for (CanonicalDocument document : List.copyOf(mapped.documents())) {
            List<String> violations = schemas.violations(document.entity(), document.json());
            if (!violations.isEmpty()) {
                mapped.reject(document, document.id() + " (from " + document.mapping() + ") violates "
                        + document.entity() + ".schema.json: " + String.join("; ", violations));
            }
        }
        return mapped;
    }

    /**
     * Drops what is about an erased person: every document of an envelope whose payload names one (staged before
     * the erasure, or redriven), and any document carrying one of their identifiers. Counted, not dead-lettered.
     */
    private void suppress(MappedEnvelope mapped) {
        if (suppressions.isEmpty()) {
            return;
        }
        boolean aboutErased = suppressions.mentionsSuppressed(mapped.envelope().payload());
        for (CanonicalDocument document : List.copyOf(mapped.documents())) {
            ContextDocument stored = new ContextDocument(document.id(), document.entity(), document.source(),
                    document.version(), document.json().toString(), null, null, null);
            if (aboutErased || suppressions.anySuppressed(FilterFields.of(stored).identifiers())) {
                mapped.drop(document);
                suppressions.count(document.source(), "processing");
            }
        }
    }

    /** Renders the embedding texts before the circuit breaker: a template error is bad data, not an outage. */
    public MappedEnvelope render(MappedEnvelope mapped) {
        List<String> texts = new ArrayList<>();
        try {
            for (CanonicalDocument document : mapped.documents()) {
                texts.add(embeddingText.render(document.entity(), document.json()));
            }
        } catch (RuntimeException e) {
            ended(mapped, e);
            throw e;
        }
        mapped.texts(texts);
        if (mapped.span() != null) {
            mapped.span().event("rendered");
        }
        return mapped;
    }

    /** Ends an envelope's span: stored, or dead-lettered with why. */
    private static void ended(MappedEnvelope mapped, Throwable failure) {
        Span span = mapped.span();
        if (span == null) {
            return;
        }
        if (failure != null) {
            span.tag("hub.outcome", "dead letter").error(failure);
        } else if (!mapped.rejections().isEmpty()) {
            span.tag("hub.outcome", "dead letter").error(new PermanentFailureException(
                    String.join(" | ", mapped.rejections())));
        } else {
            span.tag("hub.outcome", "stored").tag("hub.documents", String.valueOf(mapped.documents().size()));
        }
        span.end();
        mapped.span(null);
    }

    /**
     * Embeds what changed and writes the whole batch at once. A document whose model and embedded text hash the
     * same as its stored version keeps its stored vector: re-deliveries and re-syncs cost a lookup, not an
     * inference. Documents the store refuses one by one turn their envelopes into rejections; schema rejections
     * found earlier join them, so the route dead-letters everything in one place after the write.
     */
    public PreparedBatch publish(PreparedBatch batch) {
        int refusedOutright = batch.rejections().size();
        int written = 0;
        int stale = 0;
        for (Map.Entry<String, List<MappedEnvelope>> tenant : batch.byTenant().entrySet()) {
            UpsertResult result;
            try {
                result = tenants.in(tenant.getKey(), () -> publish(tenant.getKey(), tenant.getValue()));
            } catch (RuntimeException e) {
                // an outage: the batch is retried, its envelopes' spans say so and new ones start with the retry
                tenant.getValue().forEach(envelope -> ended(envelope, e));
                throw e;
            }
            written += result.written().size();
            stale += result.stale().size();
            rejectRefused(batch, tenant.getValue(), result);
            tenant.getValue().forEach(envelope -> ended(envelope, refusal(envelope, result)));
        }
        meters.summary("hub.batch.envelopes").record(batch.mapped().size() + refusedOutright);
        log.info("batch of {} envelopes: wrote {} documents, skipped {} older than the stored version; "
                        + "{} envelopes go to the dead letters", batch.mapped().size() + refusedOutright,
                written, stale, batch.rejections().size());
        return batch;
    }

    /** One tenant's part of the batch, into its store. */
    private UpsertResult publish(String tenant, List<MappedEnvelope> mapped) {
        List<Pending> pending = newestOfEach(mapped);
        // each envelope's span marks when its batch was embedded and written, so a slow event shows which step
        Consumer<String> step = event -> mapped.stream().map(MappedEnvelope::span).filter(Objects::nonNull)
                .forEach(span -> span.event(event).tag("hub.batch.documents", String.valueOf(pending.size())));
        UpsertResult result = pending.isEmpty() ? UpsertResult.EMPTY : write(tenant, pending, step);
        Map<String, String> sources = new HashMap<>();
        pending.forEach(p -> sources.put(p.document().id(), p.document().source()));
        count("hub.documents.written", tenant, result.written().stream().map(sources::get).toList());
        count("hub.documents.stale", tenant, result.stale().stream().map(sources::get).toList());
        return result;
    }

    private static Throwable refusal(MappedEnvelope envelope, UpsertResult result) {
        List<String> refused = envelope.documents().stream().filter(d -> result.rejected().containsKey(d.id()))
                .map(d -> d.id() + ": " + result.rejected().get(d.id())).toList();
        return refused.isEmpty() ? null : new PermanentFailureException("the context store refused "
                + String.join("; ", refused));
    }

    /** Envelopes with documents the store refused, and those schema validation refused earlier, become rejections. */
    private static void rejectRefused(PreparedBatch batch, List<MappedEnvelope> mapped, UpsertResult result) {
        for (MappedEnvelope envelope : mapped) {
            List<String> refusedByStore = envelope.documents().stream()
                    .filter(d -> result.rejected().containsKey(d.id()))
                    .map(d -> d.id() + ": " + result.rejected().get(d.id()))
                    .toList();
            if (!refusedByStore.isEmpty()) {
                List<String> reasons = new ArrayList<>(envelope.rejections());
                reasons.add("the context store refused " + String.join("; ", refusedByStore));
                batch.add(new Rejection(envelope.staged(), Stage.PUBLISH.text(), PUBLISH_ROUTE, "store refused",
                        String.join(" | ", reasons)));
            } else if (!envelope.rejections().isEmpty()) {
                batch.add(new Rejection(envelope.staged(), Stage.VALIDATE.text(), ENVELOPE_ROUTE,
                        PermanentFailureException.class.getName(), String.join(" | ", envelope.rejections())));
            }
        }
    }

    /** A document on its way to the store: its embedding text, that text's hash, and its vector once known. */
    record Pending(CanonicalDocument document, String text, String contentHash, float[] vector) {

        Pending withVector(float[] embedded) {
            return new Pending(document, text, contentHash, embedded);
        }

        ContextDocument toStored() {
            return new ContextDocument(document.id(), document.entity(), document.source(), document.version(),
                    document.json().toString(), text, vector, contentHash);
        }
    }

    /**
     * The same document often appears several times in a batch (a customer behind every message of a conversation):
     * only its newest version is embedded and written, which is what the store would keep. First-seen order.
     */
    List<Pending> newestOfEach(List<MappedEnvelope> batch) {
        Map<String, Pending> newest = new java.util.LinkedHashMap<>();
        for (MappedEnvelope mapped : batch) {
            for (int i = 0; i < mapped.documents().size(); i++) {
                CanonicalDocument document = mapped.documents().get(i);
                String text = mapped.texts().get(i);
                newest.merge(document.id(), new Pending(document, text, contentHash(text), null),
                        (kept, candidate) -> candidate.document().version() >= kept.document().version()
                                ? candidate : kept);
            }
        }
        return List.copyOf(newest.values());
    }

    /** @param step told {@code embedded}, then {@code written} */
    private UpsertResult write(String tenant, List<Pending> candidates, Consumer<String> step) {
        Map<String, StoredEmbedding> stored = store.embeddings(candidates.stream()
                .map(p -> new ContextDocumentKey(p.document().entity(), p.document().id())).toList());
        Map<String, String> overQuota = overQuota(tenant, candidates, stored);
        List<Pending> pending = candidates.stream().filter(p -> !overQuota.containsKey(p.document().id())).toList();
        List<Pending> ready = new ArrayList<>();
        List<Pending> toEmbed = new ArrayList<>();
        for (Pending p : pending) {
            StoredEmbedding previous = stored.get(p.document().id());
            if (previous != null && p.contentHash().equals(previous.contentHash())) {
                ready.add(p.withVector(previous.vector()));
            } else {
                toEmbed.add(p);
            }
        }
        count("hub.embeddings.reused", ready.stream().map(p -> p.document().source()).toList());
        List<float[]> embedded = meters.timer("hub.embedding.duration")
                .record(() -> embedder.embed(toEmbed.stream().map(Pending::text).toList()));
        for (int i = 0; i < toEmbed.size(); i++) {
            ready.add(toEmbed.get(i).withVector(embedded.get(i)));
        }
        count("hub.embeddings.computed", toEmbed.stream().map(p -> p.document().source()).toList());
        step.accept("embedded");
        List<ContextDocument> toStore = ready.stream().map(Pending::toStored).toList();
        UpsertResult result = toStore.isEmpty() ? UpsertResult.EMPTY
                : meters.timer("hub.store.write.duration").record(() -> store.upsert(toStore));
        step.accept("written");
        if (overQuota.isEmpty()) {
            return result;
        }
        Map<String, String> rejected = new HashMap<>(result.rejected());
        rejected.putAll(overQuota);
        return new UpsertResult(result.written(), result.stale(), rejected);
    }

    /**
     * The new documents beyond the tenant's {@code max-documents}, with the reason; updates of stored documents are
     * never refused. The envelopes carrying them are dead-lettered and can be redriven once the quota is raised.
     */
    private Map<String, String> overQuota(String tenant, List<Pending> pending, Map<String, StoredEmbedding> stored) {
        Long max = quotas.maxDocuments(tenant);
        if (max == null) {
            return Map.of();
        }
        List<Pending> fresh = pending.stream().filter(p -> !stored.containsKey(p.document().id())).toList();
        long room = Math.max(0, max - store.count(null));
        Map<String, String> refused = new HashMap<>();
        for (Pending p : fresh.subList((int) Math.min(room, fresh.size()), fresh.size())) {
            refused.put(p.document().id(), "tenant " + tenant + " keeps its limit of " + max
                    + " documents (hub.tenants." + tenant + ".max-documents)");
        }
        if (!refused.isEmpty()) {
            meters.counter("hub.tenant.documents.refused", "tenant", tenant).increment(refused.size());
        }
        return refused;
    }

    /** Increments a per-source counter once for each entry of {@code sources}. */
    private void count(String meter, List<String> sources) {
        perSource(sources).forEach((source, n) -> meters.counter(meter, "source", source).increment(n));
    }

    /** Increments a per-tenant and source counter once for each entry of {@code sources}. */
    private void count(String meter, String tenant, List<String> sources) {
        perSource(sources).forEach((source, n) -> meters.counter(meter, "source", source, "tenant", tenant)
                .increment(n));
    }

    private static Map<String, Long> perSource(List<String> sources) {
        Map<String, Long> perSource = new HashMap<>();
        sources.forEach(source -> perSource.merge(source, 1L, Long::sum));
        return perSource;
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
