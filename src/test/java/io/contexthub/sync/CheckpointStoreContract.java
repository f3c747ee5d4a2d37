package io.contexthub.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every checkpoint store does: keep a stream's checkpoint durably, and let exactly one owner hold a sync
 * lease until it expires or is released. Two stores over the same data stand for two hub instances.
 */
abstract class CheckpointStoreContract {

    /** A store on the shared data, as one hub instance sees it; its clock is {@link #now}. */
    protected abstract CheckpointStore instance();

    protected Instant now = Instant.parse("2026-11-23T06:00:00Z");

    /** Whether two instances share leases (OpenSearch) or each process has its own (the embedded files). */
    protected abstract boolean leasesAreShared();

    @Test
    void aCheckpointIsReadBackWithItsPendingCalls() {
        CheckpointStore store = instance();
        var pending = List.of(new SyncRequest("messages", "https://x.api.frontapp.com/c/1/messages?page_token=a",
                Map.of("conversation", "{\"id\":\"cnv_1\"}")));
        var checkpoint = new Checkpoint("frontapp", "conversations", null, pending, "backfilled", 42, 100L,
                Checkpoint.State.RUNNING, null, now, null, true);

        store.put(checkpoint);

        assertThat(store.get("frontapp", "conversations")).contains(checkpoint);
        assertThat(store.get("frontapp", "events")).isEmpty();
        assertThat(store.all()).contains(checkpoint);
    }

    @Test
    void theLatestCheckpointWins() {
        CheckpointStore store = instance();
        store.put(new Checkpoint("frontapp", "events", "1795000000", List.of(), null, 3, null, Checkpoint.State.IDLE, null,
                now, now));
        store.put(new Checkpoint("frontapp", "events", "1795000100.5", List.of(), null, 5, null, Checkpoint.State.IDLE,
                null, now, now));

        assertThat(store.get("frontapp", "events").orElseThrow().cursor()).isEqualTo("1795000100.5");
    }

    @Test
    void oneOwnerHoldsALeaseUntilItIsReleasedOrExpires() {
        CheckpointStore a = instance();
        CheckpointStore b = leasesAreShared() ? instance() : a;

        assertThat(a.lease("sync.frontapp.events", "hub-a", Duration.ofMinutes(10))).isTrue();
        assertThat(b.lease("sync.frontapp.events", "hub-b", Duration.ofMinutes(10))).as("held by a").isFalse();
        assertThat(a.lease("sync.frontapp.events", "hub-a", Duration.ofMinutes(10))).as("renewed").isTrue();
        assertThat(b.lease("sync.frontapp.contacts", "hub-b", Duration.ofMinutes(10))).as("another key").isTrue();

        a.release("sync.frontapp.events", "hub-b");
        assertThat(b.lease("sync.frontapp.events", "hub-b", Duration.ofMinutes(10)))
                .as("only the owner can release").isFalse();
        a.release("sync.frontapp.events", "hub-a");
        assertThat(b.lease("sync.frontapp.events", "hub-b", Duration.ofSeconds(30))).isTrue();

        now = now.plus(Duration.ofMinutes(1));
        assertThat(a.lease("sync.frontapp.events", "hub-a", Duration.ofMinutes(10)))
                .as("b's lease expired (a crashed instance)").isTrue();
    }

    @Test
    void finishedRunsAreKeptPerStreamNewestFirst() {
        CheckpointStore store = instance();
        Instant start = Instant.parse("2026-12-02T10:00:00Z");
        for (int i = 0; i < 3; i++) {
            store.recordRun(new SyncRunRecord("run-" + i, "stripe", "invoices", i == 2 ? "failed" : "completed",
                    false, i == 2, start.plusSeconds(60L * i), start.plusSeconds(60L * i + 5), i + 1, 10L * i, null,
                    i == 2 ? "401 Invalid API Key" : null, "hub-a"));
        }
        store.recordRun(new SyncRunRecord("other", "stripe", "customers", "completed", true, false, start,
                start.plusSeconds(1), 1, 1, 1L, null, "hub-a"));

        List<SyncRunRecord> runs = store.runs("stripe", "invoices", 2);

        assertThat(runs).extracting(SyncRunRecord::id).containsExactly("run-2", "run-1");
        assertThat(runs.get(0).error()).isEqualTo("401 Invalid API Key");
        assertThat(runs.get(0).startedAt()).isEqualTo(start.plusSeconds(120));
        assertThat(runs.get(0).resumed()).isTrue();
        assertThat(store.runs("stripe", "customers", 10)).extracting(SyncRunRecord::full).containsExactly(true);
        assertThat(store.runs("stripe", "nothing", 10)).isEmpty();
    }

    @Test
    void aSealedCredentialIsKeptAndReplaced() {
        CheckpointStore a = instance();
        assertThat(a.credential("frontapp.oauth-refresh-token")).isEmpty();

        a.putCredential("frontapp.oauth-refresh-token", "v1:first");
        a.putCredential("frontapp.oauth-refresh-token", "v1:second");
        a.putCredential("other.oauth-refresh-token", "v1:other");

        assertThat(instance().credential("frontapp.oauth-refresh-token")).as("as another instance reads it")
                .contains("v1:second");
        assertThat(a.all()).as("not a checkpoint").noneMatch(c -> c.connector().contains("oauth"));
    }

    @Test
    void aRemovedCredentialIsGoneForEveryInstanceAndRemovingNoneIsHarmless() {
        CheckpointStore a = instance();
        a.putCredential("connection.stripe", "v1:sealed");
        a.putCredential("connection.ga4", "v1:kept");
        a.removeCredential("connection.stripe");
        a.removeCredential("connection.never-stored");
        assertThat(instance().credential("connection.stripe")).isEmpty();
        assertThat(instance().credential("connection.ga4")).contains("v1:kept");
    }
}
