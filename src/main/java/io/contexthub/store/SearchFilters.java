package io.contexthub.store;

import java.time.Instant;
import java.util.Set;

/**
 * Conditions a search result must meet, applied inside the index query (before ranking), so a filtered search
 * still returns k hits when k exist. Null or empty means "any".
 *
 * @param customerIds    documents about any of these customers (a customer itself, its events and invoices)
 * @param source         the connector a document came from
 * @param eventType      an event's type
 * @param status         an invoice's status
 * @param from           {@link FilterFields#time} at or after
 * @param to             {@link FilterFields#time} before
 * @param identifier     carries this exact identifier (normalised)
 * @param includeDeleted also documents deleted at their source
 */
public record SearchFilters(Set<String> customerIds, String source, String eventType, String status, Instant from,
                            Instant to, String identifier, boolean includeDeleted) {

    public static final SearchFilters NONE = new SearchFilters(null, null, null, null, null, null, null, false);

    /** Whether anything narrows the search beyond the default (deleted documents left out). */
    public boolean any() {
        return customerIds != null || source != null || eventType != null || status != null || from != null
                || to != null || identifier != null;
    }
}
