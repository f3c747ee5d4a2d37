package io.contexthub.store;

/** Where a document lives: its entity type and id. */
public record ContextDocumentKey(String type, String id) {
}
