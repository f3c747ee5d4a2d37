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

    /** Writes documents durably; a document older than the stored version of its id is skipped. */
    UpsertResult upsert(List<ContextDocument> documents);

    Optional<ContextDocument> get(String type, String id);

    /** The stored embeddings of those of the given documents that exist, by id. */
    Map<String, StoredEmbedding> embeddings(Collection<ContextDocumentKey> keys);

    /** Erases a document; true when it existed. */
    boolean delete(String type, String id);

    /** Keyword and vector rankings fused with {@link ReciprocalRankFusion}. */
    List<SearchHit> search(SearchQuery query);

    /** Number of documents, of one type or (null) of all. */
    long count(String type);
}
