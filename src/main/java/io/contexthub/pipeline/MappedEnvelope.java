package io.contexthub.pipeline;

import io.contexthub.mapping.CanonicalDocument;
import io.contexthub.staging.Envelope;
import io.micrometer.tracing.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * One staged envelope after {@code process.envelope}: the documents its mappings produced, their embedding texts
 * and the reasons any of them were rejected. The staged bytes stay with it so a rejection can dead-letter the
 * envelope exactly as it arrived.
 */
public final class MappedEnvelope {

    private final byte[] staged;
    private final Envelope envelope;
    private final List<CanonicalDocument> documents;
    private final List<String> rejections = new ArrayList<>();
    private List<String> texts = List.of();
    private Span span;

    public MappedEnvelope(byte[] staged, Envelope envelope, List<CanonicalDocument> documents) {
        this.staged = staged;
        this.envelope = envelope;
        this.documents = new ArrayList<>(documents);
    }

    public byte[] staged() {
        return staged;
    }

    public Envelope envelope() {
        return envelope;
    }

    /** The span of this envelope's processing, continuing the trace of the request that staged it. */
    Span span() {
        return span;
    }

    void span(Span processing) {
        this.span = processing;
    }

    /** Documents still accepted for publishing. */
    public List<CanonicalDocument> documents() {
        return documents;
    }

    /** Why documents of this envelope were rejected; not empty means the envelope goes to the dead letters. */
    public List<String> rejections() {
        return rejections;
    }

    /** The embedding text of each accepted document, in the same order; set by the render stage. */
    public List<String> texts() {
        return texts;
    }

    void texts(List<String> rendered) {
        this.texts = List.copyOf(rendered);
    }

    /** A document about an erased person: dropped without a trace, not a rejection (nothing to fix). */
    void drop(CanonicalDocument document) {
        documents.remove(document);
    }

    /** Validation runs before rendering, so a rejected document never has a text to drop. */
    void reject(CanonicalDocument document, String reason) {
        documents.remove(document);
        rejections.add(reason);
    }
}
