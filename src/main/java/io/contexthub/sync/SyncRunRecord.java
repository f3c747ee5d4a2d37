package io.contexthub.sync;

import java.time.Instant;

/**
 * One finished run of a sync stream, for its history (the console's sync page,
 * {@code GET /api/connectors/{name}/streams/{stream}/runs}).
 *
 * @param id         the run's id
 * @param connector  the connector
 * @param stream     the stream
 * @param outcome    {@code completed}, {@code failed} or {@code paused} ({@link Checkpoint.State}'s words: a
 *                   completed run leaves the stream idle)
 * @param full       a full re-read
 * @param resumed    it continued a run that had stopped (after a failure, a pause or a restart)
 * @param startedAt  when it started
 * @param finishedAt when it ended
 * @param pages      the calls it made
 * @param records    records staged by the run (including the part before a resume)
 * @param total      records the source said there were, when it says
 * @param error      why it failed or paused
 * @param instance   the hub instance that ran it
 */
public record SyncRunRecord(String id, String connector, String stream, String outcome, boolean full, boolean resumed,
                            Instant startedAt, Instant finishedAt, int pages, long records, Long total, String error,
                            String instance) {

    /** How many finished runs each stream keeps. */
    public static final int KEPT = 100;

    public static final String COMPLETED = "completed";
}
