package io.contexthub.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A person or organisation as one source knows it ({@code canonical-model/customer.schema.json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Customer(
        String id,
        String type,
        String source,
        String sourceId,
        Instant updatedAt,
        Instant createdAt,
        String kind,
        String name,
        String givenName,
        String familyName,
        List<String> emails,
        List<String> phones,
        Company company,
        List<Handle> handles,
        List<String> tags,
        Boolean deleted,
        Map<String, Object> attributes,
        Provenance provenance) {

    public static final String TYPE = "customer";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Company(String name, String domain, String sourceId) {
    }

    /** An address the customer is reached at on one channel (email, sms, whatsapp, ...). */
    public record Handle(String channel, String value) {
    }
}
