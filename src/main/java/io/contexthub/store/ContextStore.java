package io.contexthub.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The searchable context: embedded Lucene by default, OpenSearch in production. Both implementations pass the
 * same contract tests, so routes and the API never know which one runs.
 */
public interface ContextStore {

    /**
     * Writes documents durably; a document older than the stored version of its id is skipped, and so is one
     * that does not reach the version of its id's {@link Tombstone}.
     */
    UpsertResult upsert(List<ContextDocument> documents);

    /** A live document; empty when there is none or it was deleted. */
    Optional<ContextDocument> get(String type, String id);

    /** The tombstone a deletion left for this id, if the id is deleted (and not written again since). */
    Optional<Tombstone> tombstone(String type, String id);

    /** The stored embeddings of those of the given documents that exist, by id. */
    Map<String, StoredEmbedding> embeddings(Collection<ContextDocumentKey> keys);

    /**
     * Erases a document, leaving a {@link Tombstone} in its place (found by {@link #tombstone}, never by get or
     * search); true when a live document existed.
     */
    boolean delete(String type, String id, Tombstone.Deletion deletion);

    /**
     * Makes every write so far visible to search at once. Searches see writes within a refresh interval on
     * OpenSearch; what must find everything that was just written (an erasure's plan) calls this first.
     */
    void refresh();

    /**
     * Rewrites what still physically holds replaced or deleted documents (Lucene keeps them in its segment files
     * until a merge), so an erased person's data is gone from disk, not only from answers. Costly; erasures call it.
     */
    void expungeDeleted();

    /** Keyword and vector rankings fused with {@link ReciprocalRankFusion}. */
    List<SearchHit> search(SearchQuery query);

    /** Number of live documents (tombstones not counted), of one type or (null) of all. */
    long count(String type);
}
