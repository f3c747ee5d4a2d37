package io.contexthub.staging;

/** Kafka topic names of the stages (documented in docs/operations.md). */
public final class StagingTopics {

    public static final String INBOUND_PREFIX = "hub.inbound.";
    public static final String DEAD_LETTERS = "hub.dlq";
    public static final String IDEMPOTENCY = "hub.idempotency";
    /** Erased people's identifiers as keyed hashes (io.contexthub.suppression); compacted, read whole by every instance. */
    public static final String SUPPRESSIONS = "hub.suppressions";

    private StagingTopics() {
    }

    public static String inbound(String source) {
        return INBOUND_PREFIX + source;
    }
}
