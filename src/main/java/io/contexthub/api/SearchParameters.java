package io.contexthub.api;

import io.contexthub.platform.RequestRejectedException;
import io.contexthub.store.ListCursor;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The query parameters of {@code GET /api/context/search}, read and checked: every one that is wrong is a 400
 * naming it, before the store is asked anything.
 *
 * @param q              free text; blank lists instead of ranking (then a filter is required)
 * @param type           entity, or null
 * @param k              hits wanted
 * @param customer       a canonical customer id or an identifier of one (e-mail, phone, provider id), or null
 * @param source         connector name, or null
 * @param eventType      event type, or null
 * @param status         invoice status, or null
 * @param from           inclusive lower bound of the document's time, or null
 * @param to             exclusive upper bound, or null
 * @param includeDeleted also documents deleted at their source
 * @param cursor         where the previous page of a listing stopped, or null
 */
public record SearchParameters(String q, String type, int k, String customer, String source, String eventType,
                               String status, Instant from, Instant to, boolean includeDeleted, String cursor) {

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,99}");

    public boolean listing() {
        return q == null || q.isBlank();
    }

    static SearchParameters read(Map<String, Object> headers, java.util.function.Function<String, String> entity,
                                 java.util.function.Function<String, Integer> hits) {
        String q = text(headers, "q", 1000);
        String customer = text(headers, "customer", 300);
        String source = name(headers, "source");
        String eventType = name(headers, "eventType");
        String status = name(headers, "status");
        Instant from = time(headers, "from");
        Instant to = time(headers, "to");
        if (from != null && to != null && !from.isBefore(to)) {
            throw invalid("from must be before to");
        }
        String type = entity.apply(text(headers, "type", 50));
        String includeDeleted = text(headers, "includeDeleted", 10);
        if (includeDeleted != null && !includeDeleted.equals("true") && !includeDeleted.equals("false")) {
            throw invalid("includeDeleted must be true or false");
        }
        String cursor = text(headers, "cursor", 500);
        boolean listing = q == null || q.isBlank();
        boolean filtered = customer != null || source != null || eventType != null || status != null || from != null
                || to != null || type != null;
        if (listing && !filtered) {
            throw RequestRejectedException.badRequest("missing_query",
                    "q is required unless a filter (customer, source, type, eventType, status, from, to) is given");
        }
        if (cursor != null) {
            if (!listing) {
                throw RequestRejectedException.badRequest("invalid_cursor",
                        "cursor pages a listing (no q); ranked searches are not paged");
            }
            checkCursor(cursor);
        }
        return new SearchParameters(q, type, hits.apply(text(headers, "k", 10)), customer, source, eventType, status,
                from, to, "true".equals(includeDeleted), cursor);
    }

    /** A listing cursor as this hub returned it; anything else is a 400 {@code invalid_cursor}. */
    public static void checkCursor(String cursor) {
        try {
            ListCursor.decode(cursor);
        } catch (IllegalArgumentException e) {
            throw RequestRejectedException.badRequest("invalid_cursor", e.getMessage());
        }
    }

    /** A page size parameter {@code k}: {@code fallback} when absent, else a whole number from 1 to {@code max}. */
    public static int count(String k, int fallback, int max) {
        if (k == null || k.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(k.trim());
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw RequestRejectedException.badRequest("invalid_k", "k must be a whole number from 1 to " + max);
    }

    private static String text(Map<String, Object> headers, String name, int maxLength) {
        Object value = headers.get(name);
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        String text = value.toString().trim();
        if (text.length() > maxLength) {
            throw invalid(name + " is longer than " + maxLength + " characters");
        }
        return text;
    }

    private static String name(Map<String, Object> headers, String name) {
        String value = text(headers, name, 100);
        if (value != null && !NAME.matcher(value).matches()) {
            throw invalid(name + " must be lower case letters, digits, '.', '_' or '-' (was '" + value + "')");
        }
        return value;
    }

    private static Instant time(Map<String, Object> headers, String name) {
        String value = text(headers, name, 40);
        if (value == null) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(name + " must be an ISO-8601 instant (2026-01-31T09:30:00Z) or date (2026-01-31)");
        }
    }

    private static RequestRejectedException invalid(String detail) {
        return RequestRejectedException.badRequest("invalid_filter", detail);
    }
}
