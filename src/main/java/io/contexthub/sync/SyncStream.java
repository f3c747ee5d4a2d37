package io.contexthub.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One stream of a scheduled sync (Front events, Front contacts, ...): where a run starts and how each response is
 * read. The paging loop, checkpoints, staging, retries and rate limits are shared (routes/templates.yaml); the
 * stream's routes ({@code sync.<connector>.<stream>} and its schedule) are generated from it by {@link SyncRoutes},
 * so a connector adds a stream by adding a bean (or an entry of a {@link SyncStreamGroup}), never a route file.
 */
public interface SyncStream {

    /** The shared route that makes one HTTP call of a stream. */
    String DEFAULT_FETCH = "direct:sync.fetch";

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

    /**
     * The stream's schedule and switch, {@code hub.connectors.<connector>.streams.<stream>}; a connector that binds
     * them as a map looks its entry up with {@link SyncStreamSettings#of}.
     */
    SyncStreamSettings settings();

    /** False for a stream switched off in configuration: its runs do nothing. */
    default boolean enabled() {
        return settings().enabled();
    }

    /** The delay between two scheduled runs ({@code hub.connectors.<connector>.streams.<stream>.every}). */
    default Duration every() {
        return settings().every();
    }

    /** Whether the schedule runs (the connector's {@code enabled} setting); the API can start a run either way. */
    boolean scheduled();

    /** The endpoint that makes one call of this stream: the shared HTTP client unless the connector has its own. */
    default String fetch() {
        return DEFAULT_FETCH;
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

    /** The later of two watermarks that are whole numbers (epoch seconds or milliseconds), compared as numbers. */
    static String laterNumber(String a, String b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return Long.parseLong(a) >= Long.parseLong(b) ? a : b;
    }
}
