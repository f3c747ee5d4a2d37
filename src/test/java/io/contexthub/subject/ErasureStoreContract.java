package io.contexthub.subject;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every erasure store does: keep a job's latest state durably, answer for it by id (and for nothing that is
 * not a job id), and list the jobs still running. Two stores over the same data stand for two hub instances.
 */
abstract class ErasureStoreContract {

    /** A store on the shared data, as one hub instance sees it. */
    protected abstract ErasureStore instance();

    static ErasureJob running(String id) {
        return new ErasureJob(id, ErasureJob.RUNNING, Instant.parse("2026-12-02T08:00:00Z"), null,
                Map.of("customer", 1), Map.of("suppressedIdentifiers", 2),
                new ErasureJob.Pending(List.of("customer|customer:stripe:cus_1"), List.of("customer:stripe:cus_1"),
                        List.of()), "default");
    }

    @Test
    void aJobIsReadBackInItsLatestStateByAnotherInstance() {
        ErasureStore here = instance();
        String id = "era_" + "a".repeat(32);
        here.put(running(id));
        assertThat(instance().get(id)).contains(running(id));

        ErasureJob done = new ErasureJob(id, ErasureJob.DONE, running(id).requestedAt(),
                Instant.parse("2026-12-02T08:00:05Z"), Map.of("customer", 1), Map.of("customer", 1), null, "default");
        here.put(done);
        assertThat(instance().get(id)).contains(done);
    }

    @Test
    void onlyRunningJobsAreUnfinishedAndNothingButAJobIdIsAnswered() {
        ErasureStore store = instance();
        String first = "era_" + "b".repeat(32);
        String second = "era_" + "c".repeat(32);
        store.put(running(first));
        store.put(running(second));
        store.put(new ErasureJob(second, ErasureJob.DONE, running(second).requestedAt(), running(second).requestedAt(),
                Map.of(), Map.of(), null, "default"));

        assertThat(instance().unfinished()).extracting(ErasureJob::id).contains(first).doesNotContain(second);
        assertThat(store.get("era_nope")).isEmpty();
        assertThat(store.get("../../etc/passwd")).isEmpty();
        assertThat(store.get("era_" + "d".repeat(32))).isEmpty();
    }
}
