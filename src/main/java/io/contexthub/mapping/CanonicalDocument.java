package io.contexthub.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A canonical Customer, Invoice or Event produced by a mapping, with the hub's own fields filled in.
 *
 * @param entity  customer, invoice or event
 * @param id      {@code <entity>:<source>:<sourceId>}
 * @param mapping the mapping file that produced it, named in dead-letter causes
 * @param json    the document itself
 */
public record CanonicalDocument(String entity, String id, String mapping, ObjectNode json) {

    public static final String UPDATED_AT = "updatedAt";
    public static final String OCCURRED_AT = "occurredAt";

    /**
     * The document's version: epoch millis of the source's updatedAt, else occurredAt. Versions order writes:
     * an older one never replaces a newer one. Call only on validated documents.
     */
    public long version() {
        String stamp = json.path(UPDATED_AT).asText(json.path(OCCURRED_AT).asText(""));
        try {
            return Instant.parse(stamp).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(id + " has no parseable " + UPDATED_AT + "/" + OCCURRED_AT, e);
        }
    }

    public String source() {
        return json.path("source").asText();
    }
}
