package io.contexthub.identity;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * Why two customer records are about the same person or organisation. Links are never merges: both records stay
 * as their sources sent them.
 *
 * @param id        stable id, derived from rule, value and the two records (the same link found twice, by two
 *                  instances or by a redelivery, is one link)
 * @param rule      {@code same-email}, {@code company-domain}, {@code same-domain}, {@code cross-reference} or
 *                  {@code account} (docs/identity.md)
 * @param value     the value both records carry or the id one names
 * @param members   the two customer ids, in order
 * @param createdAt when the hub first made it
 * @param state     {@code active}; {@code retired} when a record changed and the rule no longer holds (it comes
 *                  back if it holds again); {@code removed} by an operator (it never comes back)
 * @param changedAt when the state last changed, null while it never did
 * @param changedBy {@code hub} or {@code operator}
 * @param reason    why it was retired or removed
 */
public record IdentityLink(String id, String rule, String value, List<String> members, Instant createdAt,
                           String state, Instant changedAt, String changedBy, String reason) {

    public static final String ACTIVE = "active";
    public static final String RETIRED = "retired";
    public static final String REMOVED = "removed";

    static IdentityLink of(String id, JsonNode row) {
        return new IdentityLink(id, row.path("rule").asText(), row.path("value").asText(),
                List.of(row.path("members").path(0).asText(), row.path("members").path(1).asText()),
                Instant.parse(row.path("createdAt").asText()), row.path("state").asText(),
                row.hasNonNull("changedAt") ? Instant.parse(row.path("changedAt").asText()) : null,
                row.path("changedBy").asText(null), row.path("reason").asText(null));
    }

    public boolean active() {
        return ACTIVE.equals(state);
    }

    /** The member at the other end from {@code member}. */
    public String other(String member) {
        return members.get(0).equals(member) ? members.get(1) : members.get(0);
    }
}
