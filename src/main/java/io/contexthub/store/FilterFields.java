package io.contexthub.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What both stores index beside a document so searches can filter on it inside the index query, read once from
 * the canonical JSON:
 *
 * @param customerId  the customer the document is about: a customer's own id, an event's or invoice's
 *                    {@code customer.id}; null when unknown
 * @param eventType   an event's {@code eventType}
 * @param status      an invoice's {@code status}
 * @param time        when it happened, epoch millis: an event's {@code occurredAt}, an invoice's {@code issuedAt},
 *                    otherwise {@code updatedAt}; 0 when the document has none
 * @param deleted     {@code deleted: true} (the record was deleted at its source)
 * @param identifiers exact identifiers, normalised ({@link Identifiers}): ids, source ids, e-mails, phones, handles,
 *                    invoice numbers, and those of the customer an event or invoice points at
 */
public record FilterFields(String customerId, String eventType, String status, long time, boolean deleted,
                           Set<String> identifiers) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static FilterFields of(ContextDocument document) {
        JsonNode json;
        try {
            json = JSON.readTree(document.json());
        } catch (IOException e) {
            json = JSON.createObjectNode();
        }
        Set<String> identifiers = new LinkedHashSet<>();
        add(identifiers, document.id());
        add(identifiers, text(json, "sourceId"));
        add(identifiers, text(json, "number"));
        json.path("emails").forEach(e -> add(identifiers, e.asText(null)));
        json.path("phones").forEach(p -> add(identifiers, p.asText(null)));
        json.path("handles").forEach(h -> add(identifiers, h.path("value").asText(null)));
        JsonNode customer = json.path("customer");
        add(identifiers, text(customer, "id"));
        add(identifiers, text(customer, "sourceId"));
        add(identifiers, text(customer, "email"));
        String customerId = "customer".equals(document.type()) ? document.id() : text(customer, "id");
        long time = millis(text(json, "occurredAt"), text(json, "issuedAt"), text(json, "updatedAt"));
        return new FilterFields(customerId, text(json, "eventType"), text(json, "status"), time,
                json.path("deleted").asBoolean(false), Set.copyOf(identifiers));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    private static void add(Set<String> identifiers, String value) {
        if (value != null && !value.isBlank()) {
            identifiers.add(Identifiers.normalise(value));
        }
    }

    private static long millis(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null) {
                try {
                    return Instant.parse(candidate).toEpochMilli();
                } catch (DateTimeParseException notAnInstant) {
                    // the next candidate, if any
                }
            }
        }
        return 0;
    }
}
