package io.contexthub.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads the dead letters where the bus keeps them ({@code <hub.data-dir>/deadletters/} on the spool, topic
 * {@code hub.dlq} on Kafka) and marks redriven ones, so they no longer show.
 */
public interface DeadLetterStore {

    /** The newest dead letters first, at most {@code limit}, without redriven ones. */
    default List<JsonNode> list(int limit) {
        return list(limit, letter -> true);
    }

    /** The newest dead letters that {@code keep} accepts, at most {@code limit}, without redriven ones. */
    List<JsonNode> list(int limit, Predicate<JsonNode> keep);

    Optional<JsonNode> get(String id);

    /** The dead letter was staged again: it is gone from the list. */
    void redriven(String id);

    /**
     * The dead letter is about an erased person: it is gone from the list and from {@link #get}. On the spool its
     * file is deleted; on Kafka a marker hides it and the record itself goes with the topic's retention.
     */
    void erased(String id);
}
