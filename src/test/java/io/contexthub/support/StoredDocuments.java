package io.contexthub.support;

import io.contexthub.embedding.Embedder;
import io.contexthub.store.ContextDocument;

/**
 * Canonical-looking documents written straight into a store, for tests of what reads the store (search, customer
 * context, MCP) without the ingestion path in front of them.
 */
public final class StoredDocuments {

    private StoredDocuments() {
    }

    /**
     * A document {@code <type>:<source>:<sourceId>} with the given text, received at {@code receivedAt}, and
     * {@code fields} (JSON members, each starting with a comma) added to it.
     */
    public static ContextDocument of(Embedder embedder, String type, String source, String sourceId, String text,
                                     String receivedAt, String fields) {
        String id = type + ":" + source + ":" + sourceId;
        String json = "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"source\":\"" + source
                + "\",\"sourceId\":\"" + sourceId + "\",\"text\":\"" + text + "\",\"provenance\":{\"connector\":\""
                + source + "\",\"receivedAt\":\"" + receivedAt + "\"}" + fields + "}";
        return new ContextDocument(id, type, source, 1, json, text, embedder.embed(text), "h");
    }
}
