package io.contexthub.pipeline;

import io.contexthub.mapping.CanonicalDocument;
import io.contexthub.staging.Envelope;
import java.util.ArrayList;
import java.util.List;

/**
 * One staged envelope on its way through {@code process.canonical}: the documents its mappings produced and
 * the reasons any of them were rejected.
 */
public final class ProcessingBatch {

    private final Envelope envelope;
    private final List<CanonicalDocument> documents;
    private final List<String> rejections = new ArrayList<>();
    private List<String> texts = List.of();

    public ProcessingBatch(Envelope envelope, List<CanonicalDocument> documents) {
        this.envelope = envelope;
        this.documents = new ArrayList<>(documents);
    }

    public Envelope envelope() {
        return envelope;
    }

    /** Documents still accepted for publishing. */
    public List<CanonicalDocument> documents() {
        return documents;
    }

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

    void reject(CanonicalDocument document, String reason) {
        documents.remove(document);
        rejections.add(reason);
    }
}
