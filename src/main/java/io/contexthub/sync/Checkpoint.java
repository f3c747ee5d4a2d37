package io.contexthub.sync;

import java.time.Instant;
import java.util.List;

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
 * @param state         idle, running, failed, paused (the API's limits stopped it; it resumes next time)
 * @param lastError     why the last run failed, if it did
 * @param startedAt     when the current (or last) run started
 * @param finishedAt    when the last run ended
 */
public record Checkpoint(String connector, String stream, String cursor, List<SyncRequest> pending,
                         String runWatermark, long recordsDone, Long total, String state, String lastError,
                         Instant startedAt, Instant finishedAt) {

    public static final String IDLE = "idle";
    public static final String RUNNING = "running";
    public static final String FAILED = "failed";
    public static final String PAUSED = "paused";

    public Checkpoint {
        pending = pending == null ? List.of() : List.copyOf(pending);
    }

    public static Checkpoint initial(String connector, String stream) {
        return new Checkpoint(connector, stream, null, List.of(), null, 0, null, IDLE, null, null, null);
    }

    public boolean unfinished() {
        return !pending.isEmpty();
    }
}
