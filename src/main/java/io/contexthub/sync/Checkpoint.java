package io.contexthub.sync;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Where one stream of a connector stands, stored durably after every page.
 *
 * @param connector     the connector
 * @param stream        the stream
 * @param cursor        the committed watermark: a new run asks for changes after it; null before the first run
 * @param pending       the calls an unfinished run still has to make, next first; empty when no run is unfinished.
 *                      A restarted hub continues here instead of starting over.
 * @param runWatermark  the newest change the unfinished run has seen; becomes {@code cursor} when it completes
 * @param recordsDone   records staged by the current (or last) run
 * @param total         records the run will bring in all, when the API says
 * @param state         where the stream is ({@link State})
 * @param lastError     why the last run failed, if it did
 * @param startedAt     when the current (or last) run started
 * @param finishedAt    when the last run ended
 * @param full          the unfinished run is a full re-read (started without the cursor, staging every record it
 *                      reads even when it was staged before); false for incremental runs
 */
public record Checkpoint(String connector, String stream, String cursor, List<SyncRequest> pending,
                         String runWatermark, long recordsDone, Long total, State state, String lastError,
                         Instant startedAt, Instant finishedAt, boolean full) {

    /** A stream's state, written in lower case in checkpoints and the API. */
    public enum State {
        /** no run in progress; the last one (if any) completed */
        IDLE,
        /** a run is making its calls */
        RUNNING,
        /** the last run failed; the next one resumes its unfinished calls */
        FAILED,
        /** the API's limits stopped the run; it resumes next time */
        PAUSED;

        @JsonValue
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static State of(String text) {
            return valueOf(text.toUpperCase(Locale.ROOT));
        }
    }

    public Checkpoint {
        pending = pending == null ? List.of() : List.copyOf(pending);
    }

    /** An incremental run's checkpoint. */
    public Checkpoint(String connector, String stream, String cursor, List<SyncRequest> pending, String runWatermark,
                      long recordsDone, Long total, State state, String lastError, Instant startedAt,
                      Instant finishedAt) {
        this(connector, stream, cursor, pending, runWatermark, recordsDone, total, state, lastError, startedAt,
                finishedAt, false);
    }

    public static Checkpoint initial(String connector, String stream) {
        return new Checkpoint(connector, stream, null, List.of(), null, 0, null, State.IDLE, null, null, null);
    }

    public boolean unfinished() {
        return !pending.isEmpty();
    }

    /** Seconds between the cursor and {@code now}, when the cursor is a time (epoch seconds or an ISO-8601 instant). */
    public java.util.Optional<Long> lagSeconds(Instant now) {
        if (cursor == null) {
            return java.util.Optional.empty();
        }
        try {
            if (cursor.matches("\\d{9,11}(\\.\\d+)?")) {
                return java.util.Optional.of(Math.max(0, now.getEpochSecond()
                        - new java.math.BigDecimal(cursor).longValue()));
            }
            return java.util.Optional.of(Math.max(0, java.time.Duration.between(Instant.parse(cursor), now)
                    .toSeconds()));
        } catch (java.time.format.DateTimeParseException | NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }
}
