package io.contexthub.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Something that happened with or to a customer ({@code canonical-model/event.schema.json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Event(
        String id,
        String type,
        String source,
        String sourceId,
        Instant occurredAt,
        Instant updatedAt,
        String eventType,
        CustomerRef customer,
        String subject,
        String text,
        String channel,
        String direction,
        Conversation conversation,
        Author author,
        Map<String, Object> properties,
        Provenance provenance) {

    public static final String TYPE = "event";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Conversation(String id, String subject, String status, List<String> tags) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Author(String name, String handle, String sourceId) {
    }
}
