package io.contexthub.customer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * Where a customer's deals stand: how many per status (open, won, lost), and per currency in minor units what the
 * open deals are worth ({@code open}) and that weighted by each deal's probability ({@code weighted}, what a sales
 * forecast counts), and what was won.
 */
final class DealSummary {

    private DealSummary() {
    }

    static ObjectNode of(List<JsonNode> deals) {
        ObjectNode summary = JsonNodeFactory.instance.objectNode();
        ObjectNode byStatus = summary.putObject("byStatus");
        ObjectNode amounts = summary.putObject("openAmounts");
        ObjectNode won = summary.putObject("wonAmounts");
        for (JsonNode deal : deals) {
            String status = deal.path("status").asText("unknown");
            byStatus.put(status, byStatus.path(status).asInt(0) + 1);
            if (!deal.hasNonNull("amount")) {
                continue;
            }
            String currency = deal.path("currency").asText("XXX").toUpperCase(Locale.ROOT);
            long amount = deal.get("amount").asLong();
            if ("open".equals(status)) {
                ObjectNode open = amounts.has(currency) ? (ObjectNode) amounts.get(currency) : amounts.putObject(currency);
                open.put("total", open.path("total").asLong(0) + amount);
                if (deal.hasNonNull("probability")) {
                    open.put("weighted", open.path("weighted").asLong(0)
                            + Math.round(amount * deal.get("probability").asDouble()));
                }
            } else if ("won".equals(status)) {
                won.put(currency, won.path(currency).asLong(0) + amount);
            }
        }
        summary.put("count", deals.size());
        return summary;
    }
}
