package io.contexthub.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.Map;

/**
 * One administrative action, as appended to the audit log. It names what was acted on by ids and counts, never a
 * person's identifier: an erasure names its job, not whom it erased.
 *
 * @param seq     1, 2, 3, ... without gaps
 * @param at      when
 * @param action  {@code document.deleted}, {@code erasure.requested}, {@code erasure.done}, {@code deadletter.redriven},
 *                {@code sync.requested}, {@code connection.stored}, {@code hub.started}, …
 * @param actor   who: {@code api} (the API token's holder), {@code hub} (the hub itself)
 * @param target  what was acted on (a document id, a job id, a dead letter id, a connector/stream)
 * @param details more, flat
 * @param prev    the previous entry's {@code mac} ({@code ""} for the first)
 * @param mac     HMAC-SHA256 of {@code prev} and this entry's other fields
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEntry(long seq, Instant at, String action, String actor, String target,
                         Map<String, Object> details, String prev, String mac) {

    /** One serialization everywhere (details sorted by key, ISO times): the bytes MACs are computed over and stored. */
    static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    /** The entry as one line of JSON. */
    public String line() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An entry from its line; an unreadable one is an {@link java.io.UncheckedIOException}. */
    public static AuditEntry parse(String line) {
        try {
            return JSON.readValue(line, AuditEntry.class);
        } catch (JsonProcessingException e) {
            throw new java.io.UncheckedIOException("an audit entry is not readable: " + e.getOriginalMessage(), e);
        }
    }
}
