package io.contexthub.identity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the identity graph lives: rows by id, read as they are now (no refresh interval in between) and written
 * under optimistic concurrency, so hub instances sharing one table never lose each other's updates. Embedded in a
 * Lucene directory by default, an OpenSearch index in production.
 */
public interface IdentityTable extends AutoCloseable {

    /**
     * @param seqNo       the row's version, compared on write
     * @param primaryTerm the OpenSearch primary term the version belongs to (always 1 embedded)
     */
    record Row(String id, ObjectNode doc, long seqNo, long primaryTerm) {
    }

    /**
     * @param expected the row as it was read, or null when the row must not exist yet
     */
    record Write(String id, ObjectNode doc, Row expected) {
    }

    Map<String, Row> get(Collection<String> ids);

    /**
     * Writes rows, visible to {@link #get} at once; returns the ids whose row another writer changed (or created)
     * since it was read. Durable when it returns, or (embedded) at the next {@link #flush}.
     */
    Set<String> put(List<Write> writes);

    /**
     * Removes rows whatever their version (an erasure wins over concurrent writers), visible to {@link #get} at
     * once; durable when it returns.
     */
    void delete(Collection<String> ids);

    /** Makes every write so far durable; the caller acknowledges what the writes stand for only after it. */
    void flush();

    @Override
    void close();
}
