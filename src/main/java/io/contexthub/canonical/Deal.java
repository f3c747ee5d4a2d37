package io.contexthub.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A sales opportunity as a CRM tracks it through its pipeline ({@code canonical-model/deal.schema.json}): its
 * current state; the moves between stages are Events ({@code deal.stage_changed}). {@code amount} is in minor units
 * of {@code currency}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Deal(
        String id,
        String type,
        String source,
        String sourceId,
        Instant updatedAt,
        Instant createdAt,
        String name,
        String status,
        Stage stage,
        Pipeline pipeline,
        Long amount,
        String currency,
        BigDecimal probability,
        Instant closeAt,
        CustomerRef customer,
        List<CustomerRef> contacts,
        Owner owner,
        Boolean deleted,
        String url,
        Map<String, Object> attributes,
        Provenance provenance) {

    public static final String TYPE = "deal";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Stage(String id, String label, Boolean closed, Integer order) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Pipeline(String id, String label) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Owner(String name, String sourceId) {
    }
}
