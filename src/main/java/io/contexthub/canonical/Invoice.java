package io.contexthub.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A bill issued to a customer ({@code canonical-model/invoice.schema.json}). Amounts are whole minor units of
 * {@code currency}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Invoice(
        String id,
        String type,
        String source,
        String sourceId,
        Instant updatedAt,
        String number,
        String status,
        String currency,
        Long subtotal,
        Long tax,
        Long total,
        Long amountDue,
        Long amountPaid,
        Long amountRemaining,
        Instant issuedAt,
        Instant dueAt,
        Instant paidAt,
        CustomerRef customer,
        List<LineItem> lineItems,
        String url,
        Map<String, Object> attributes,
        Provenance provenance) {

    public static final String TYPE = "invoice";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LineItem(
            String sourceId,
            String description,
            BigDecimal quantity,
            Long unitAmount,
            Long amount,
            Instant periodStart,
            Instant periodEnd) {
    }
}
