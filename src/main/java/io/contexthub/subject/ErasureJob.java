package io.contexthub.subject;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.contexthub.tenant.Tenants;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One erasure, as kept in {@code <hub.data-dir>/erasures/<id>.json} and shown by {@code GET /api/erasures/{id}}.
 * It never holds the identifier it was asked for: the identifiers are suppressed (as keyed hashes) before the job
 * is first written, and what it keeps to finish after a restart are the ids of what is still to remove, dropped
 * once it is done.
 *
 * @param id          {@code era_...}
 * @param state       {@code running} until every step is done, then {@code done}
 * @param requestedAt when it was asked for
 * @param finishedAt  when it finished
 * @param found       what was found about the person, by place: {@code customer}, {@code event}, ... (documents),
 *                    {@code customerRecords}, {@code deadLetters}, {@code suppressedIdentifiers}; removed also
 *                    {@code identityRows}
 * @param removed     what was removed, by the same places
 * @param pending     while running: the documents ({@code type:id}), customer records (identity) and dead letters
 *                    still to remove
 * @param tenant      the tenant it erases in (jobs from before tenants: the default one)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErasureJob(String id, String state, Instant requestedAt, Instant finishedAt,
                         Map<String, Integer> found, Map<String, Integer> removed, Pending pending, String tenant) {

    public ErasureJob {
        tenant = Tenants.orDefault(tenant);
    }

    public static final String RUNNING = "running";
    public static final String DONE = "done";

    /** What a running job still has to remove. */
    public record Pending(List<String> documents, List<String> customers, List<String> deadLetters) {
    }
}
