package io.contexthub.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * One administrative action, as appended to the audit log. It names what was acted on by ids and counts, never a
 * person's identifier: an erasure names its job, not whom it erased.
 *
 * @param seq     1, 2, 3, ... without gaps
 * @param at      when
 * @param action  {@code document.deleted}, {@code erasure.requested}, {@code erasure.done}, {@code deadletter.redriven},
 *                {@code sync.requested}, {@code hub.started}
 * @param actor   who: {@code api} (the API token's holder), {@code hub} (the hub itself)
 * @param target  what was acted on (a document id, a job id, a dead letter id, a connector/stream)
 * @param details more, flat
 * @param prev    the previous entry's {@code mac} ({@code ""} for the first)
 * @param mac     HMAC-SHA256 of {@code prev} and this entry's other fields
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEntry(long seq, Instant at, String action, String actor, String target,
                         Map<String, Object> details, String prev, String mac) {
}
