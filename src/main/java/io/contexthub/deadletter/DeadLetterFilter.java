package io.contexthub.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import io.contexthub.platform.RequestRejectedException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Which dead letters a list, a bulk redrive or a purge is about: all of them, or those of one source, failed at one
 * stage, whose cause contains some text (any case), failed in a time window ({@code since} inclusive,
 * {@code until} exclusive). Unset fields match everything.
 *
 * @param source the envelope's source ({@code hubspot})
 * @param stage  the stage that failed ({@code map}, {@code validate}, {@code stage}, ...)
 * @param cause  text the cause's type or message contains
 * @param since  failed at or after
 * @param until  failed before
 * @param correlationId the correlation id of the webhook request or sync page the envelope came in
 */
public record DeadLetterFilter(String source, String stage, String cause, Instant since, Instant until,
                               String correlationId) implements Predicate<JsonNode> {

    /** From request fields (query parameters or a JSON body); a malformed time is a 400 naming the field. */
    public static DeadLetterFilter of(String source, String stage, String cause, String since, String until,
                                      String correlationId) {
        return new DeadLetterFilter(blankToNull(source), blankToNull(stage), blankToNull(cause), instant("since", since),
                instant("until", until), blankToNull(correlationId));
    }

    /** From a JSON body's {@code source}, {@code stage}, {@code cause}, {@code since}, {@code until}, {@code correlationId}. */
    public static DeadLetterFilter of(JsonNode body) {
        return of(text(body, "source"), text(body, "stage"), text(body, "cause"), text(body, "since"),
                text(body, "until"), text(body, "correlationId"));
    }

    @Override
    public boolean test(JsonNode letter) {
        if (source != null && !source.equals(letter.path("envelope").path("source").asText(null))) {
            return false;
        }
        if (stage != null && !stage.equals(letter.path("stage").asText(null))) {
            return false;
        }
        if (correlationId != null && !correlationId.equals(letter.path("envelope").path("correlationId").asText(null))) {
            return false;
        }
        if (cause != null) {
            String text = (letter.path("cause").path("type").asText("") + " "
                    + letter.path("cause").path("message").asText("")).toLowerCase(Locale.ROOT);
            if (!text.contains(cause.toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        if (since != null || until != null) {
            Instant failedAt = failedAt(letter);
            if (failedAt == null || since != null && failedAt.isBefore(since)
                    || until != null && !failedAt.isBefore(until)) {
                return false;
            }
        }
        return true;
    }

    /** True when it names at least one condition. */
    public boolean narrows() {
        return source != null || stage != null || cause != null || since != null || until != null
                || correlationId != null;
    }

    private static Instant failedAt(JsonNode letter) {
        try {
            return Instant.parse(letter.path("failedAt").asText(""));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw RequestRejectedException.badRequest("invalid_filter", field + " must be a string");
        }
        return value.asText();
    }

    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw RequestRejectedException.badRequest("invalid_filter", field + " must be an ISO-8601 instant such as "
                    + "2026-12-01T10:00:00Z, not '" + value + "'");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
