package io.contexthub.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * One stream of a scheduled sync (Front events, Front contacts, ...): where a run starts and how each response is
 * read. The paging loop, checkpoints, staging, retries and rate limits are shared (routes/templates.yaml).
 */
public interface SyncStream {

    /** The connector, also the {@code source} of every envelope. */
    String connector();

    /** The stream's name, for checkpoints, schedules and the API. */
    String name();

    /**
     * The stream its records are staged as, which selects the mappings {@code <stream>-to-<entity>.jsonata}; the
     * stream's own name unless its records are the same objects another stream delivers.
     */
    default String envelopeStream() {
        return name();
    }

    /** False for a stream switched off in configuration: its runs do nothing. */
    default boolean enabled() {
        return true;
    }

    /** The API this stream calls: authentication, rate budget, which hosts may be followed. */
    SyncApi api();

    /**
     * The first calls of a new run, from the last committed cursor (empty on the very first run). None: nothing to
     * do this time (a backfill that has completed).
     */
    List<SyncRequest> first(Optional<String> cursor);

    /** Reads one response. Throws PermanentFailureException when the response cannot be read at all. */
    SyncPage page(SyncRequest request, JsonNode body);

    /** The later of two watermarks; by default they are ISO-8601 instants or other sortable strings. */
    default String later(String a, String b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.compareTo(b) >= 0 ? a : b;
    }
}
