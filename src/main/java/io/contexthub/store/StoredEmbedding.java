package io.contexthub.store;

/**
 * The vector a document was stored with and the hash of what produced it (model id + embedded text). When a
 * new version of the document hashes the same, the vector is reused instead of embedding again.
 */
public record StoredEmbedding(String contentHash, float[] vector) {
}
