package io.contexthub.sync;

import io.contexthub.tenant.Tenants;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;

/**
 * One run of one stream, carried by the sync route's exchange: the calls still to make and what has been done.
 * The route loops while {@link #hasNext()}; the state is written to the checkpoint after every page.
 */
public final class SyncRun {

    private final SyncStream stream;
    private final String tenant;
    private final String leaseKey;
    private final String owner;
    private final String cursor;
    private final Instant startedAt;
    private final Deque<SyncRequest> queue;
    private final boolean full;
    private final boolean resumed;
    private final String id = UUID.randomUUID().toString();
    private int pages;
    private String watermark;
    private long recordsDone;
    private Long total;
    private SyncPage lastPage;

    SyncRun(SyncStream stream, String leaseKey, String owner, Checkpoint checkpoint, Instant startedAt,
            List<SyncRequest> queue, boolean full) {
        this(Tenants.DEFAULT, stream, leaseKey, owner, checkpoint, startedAt, queue, full);
    }

    SyncRun(String tenant, SyncStream stream, String leaseKey, String owner, Checkpoint checkpoint, Instant startedAt,
            List<SyncRequest> queue, boolean full) {
        this.tenant = tenant;
        this.stream = stream;
        this.leaseKey = leaseKey;
        this.owner = owner;
        this.cursor = checkpoint.cursor();
        this.startedAt = startedAt;
        this.queue = new ArrayDeque<>(queue);
        this.full = full;
        this.watermark = checkpoint.unfinished() ? checkpoint.runWatermark() : null;
        this.recordsDone = checkpoint.unfinished() ? checkpoint.recordsDone() : 0;
        this.total = checkpoint.unfinished() ? checkpoint.total() : null;
        this.resumed = checkpoint.unfinished();
    }

    public boolean hasNext() {
        return !queue.isEmpty();
    }

    /** The tenant whose stream this is: its records are staged for it, its checkpoint is the tenant's. */
    public String tenant() {
        return tenant;
    }

    public SyncStream stream() {
        return stream;
    }

    /** The call being made (the head of the queue until its page is committed). */
    public SyncRequest current() {
        return queue.peekFirst();
    }

    void read(SyncPage page) {
        this.lastPage = page;
    }

    /** The current call is done and its records staged: move on, the follow-ups first. */
    void advance(long staged) {
        queue.pollFirst();
        List<SyncRequest> followUps = lastPage.followUps();
        for (int i = followUps.size() - 1; i >= 0; i--) {
            queue.addFirst(followUps.get(i));
        }
        watermark = stream.later(watermark, lastPage.watermark());
        if (lastPage.total() != null) {
            total = (total == null ? 0 : total) + lastPage.total();
        }
        recordsDone += staged;
        pages++;
        lastPage = null;
    }

    Checkpoint checkpoint(Checkpoint.State state, String error, Instant finishedAt) {
        boolean done = queue.isEmpty() && state == Checkpoint.State.IDLE;
        return new Checkpoint(stream.connector(), stream.name(), done ? stream.later(cursor, watermark) : cursor,
                List.copyOf(queue), done ? null : watermark, recordsDone, total, state, error, startedAt,
                finishedAt, full && !done);
    }

    /**
     * The correlation id of the page being read: the run's id and the page's number ({@code <run id>-p3}), so a
     * document leads back to the run in the stream's history and to the page.
     */
    String pageId() {
        return id + "-p" + (pages + 1);
    }

    /** What the run did, for the stream's history, once it ended at {@code finishedAt} with {@code outcome}. */
    SyncRunRecord record(String outcome, String error, Instant finishedAt) {
        return new SyncRunRecord(id, stream.connector(), stream.name(), outcome, full, resumed, startedAt, finishedAt,
                pages, recordsDone, total, error, owner);
    }

    /** A full re-read: every record it reads is staged again, even when its key was staged before. */
    public boolean full() {
        return full;
    }

    String leaseKey() {
        return leaseKey;
    }

    String owner() {
        return owner;
    }

    public long recordsDone() {
        return recordsDone;
    }

    public Long total() {
        return total;
    }
}
