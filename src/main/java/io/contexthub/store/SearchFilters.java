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
 * @param scope          the kinds and sources the caller may see at all (a scoped key); null for everything
 */
public record SearchFilters(Set<String> customerIds, String source, String eventType, String status, Instant from,
                            Instant to, String identifier, boolean includeDeleted, DocumentScope scope) {

    public static final SearchFilters NONE = new SearchFilters(null, null, null, null, null, null, null, false);

    public SearchFilters {
        scope = scope == null || scope.unrestricted() ? null : scope;
    }

    public SearchFilters(Set<String> customerIds, String source, String eventType, String status, Instant from,
                         Instant to, String identifier, boolean includeDeleted) {
        this(customerIds, source, eventType, status, from, to, identifier, includeDeleted, null);
    }

    /** The same filters, narrowed to what a caller may see. */
    public SearchFilters within(DocumentScope allowed) {
        return new SearchFilters(customerIds, source, eventType, status, from, to, identifier, includeDeleted,
                allowed);
    }

    /** Whether anything narrows the search beyond the default (deleted documents left out). */
    public boolean any() {
        return customerIds != null || source != null || eventType != null || status != null || from != null
                || to != null || identifier != null || scope != null;
    }
}
