package io.contexthub.customer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * What a customer owes and paid, from their invoices: how many per status, how many open ones are past their due
 * date, and amounts per currency in minor units (as the canonical model keeps money): {@code open} what remains due
 * on open invoices, {@code overdue} the part of it past due, {@code paid} what was paid.
 */
final class InvoiceSummary {

    private InvoiceSummary() {
    }

    static ObjectNode of(List<JsonNode> invoices, Instant now) {
        ObjectNode summary = JsonNodeFactory.instance.objectNode();
        ObjectNode byStatus = summary.putObject("byStatus");
        ObjectNode amounts = summary.putObject("amounts");
        int overdue = 0;
        for (JsonNode invoice : invoices) {
            String status = invoice.path("status").asText("unknown");
            byStatus.put(status, byStatus.path(status).asInt(0) + 1);
            ObjectNode currency = amounts.has(currency(invoice)) ? (ObjectNode) amounts.get(currency(invoice))
                    : amounts.putObject(currency(invoice));
            if ("open".equals(status)) {
                long remaining = invoice.path("amountRemaining").asLong(invoice.path("amountDue")
                        .asLong(invoice.path("total").asLong(0)));
                add(currency, "open", remaining);
                if (pastDue(invoice, now)) {
                    overdue++;
                    add(currency, "overdue", remaining);
                }
            }
            if ("paid".equals(status)) {
                add(currency, "paid", invoice.path("amountPaid").asLong(invoice.path("total").asLong(0)));
            }
        }
        summary.put("count", invoices.size());
        summary.put("overdue", overdue);
        return summary;
    }

    private static String currency(JsonNode invoice) {
        return invoice.path("currency").asText("XXX").toUpperCase(java.util.Locale.ROOT);
    }

    private static void add(ObjectNode currency, String field, long amount) {
        currency.put(field, currency.path(field).asLong(0) + amount);
    }

    private static boolean pastDue(JsonNode invoice, Instant now) {
        try {
            return invoice.hasNonNull("dueAt") && Instant.parse(invoice.get("dueAt").asText()).isBefore(now);
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
