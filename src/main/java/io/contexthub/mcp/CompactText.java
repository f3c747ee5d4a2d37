package io.contexthub.mcp;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Answers squeezed into a token budget for a model's context window: one line per document, the most relevant
 * (or newest) first, each with a short reference to where it came from ({@code [event:frontapp:msg_…]}), stopping
 * before the budget is spent. Tokens are estimated at four characters each, the usual figure for English text.
 */
final class CompactText {

    static final int CHARS_PER_TOKEN = 4;
    static final int LINE_LIMIT = 400;

    private CompactText() {
    }

    static String hits(JsonNode hits, int maxTokens) {
        Budget text = new Budget(maxTokens);
        for (JsonNode hit : hits) {
            if (!text.add(line(hit.path("document")))) {
                break;
            }
        }
        return text.toString();
    }

    /** Who, what happened lately, what they owe, then how fresh that is: the order an agent needs them in. */
    static String customer(JsonNode context, int maxTokens) {
        Budget text = new Budget(maxTokens);
        text.add("Customer " + context.path("customer").asText() + ":");
        for (JsonNode record : context.path("records")) {
            text.add(line(record));
        }
        JsonNode summary = context.path("invoices").path("summary");
        text.add("Invoices: " + summary.path("count").asInt() + ", overdue " + summary.path("overdue").asInt()
                + ", minor units " + summary.path("amounts"));
        JsonNode deals = context.path("deals");
        text.add("Deals: " + deals.path("summary").path("byStatus") + ", open minor units "
                + deals.path("summary").path("openAmounts"));
        for (JsonNode deal : deals.path("items")) {
            if ("open".equals(deal.path("status").asText()) && !text.add(line(deal))) {
                return text.toString();
            }
        }
        text.add("Latest:");
        for (JsonNode event : context.path("timeline").path("events")) {
            if (!text.add(line(event))) {
                return text.toString();
            }
        }
        StringBuilder freshness = new StringBuilder("Last heard, per source:");
        context.path("freshness").fields().forEachRemaining(source -> freshness.append(' ').append(source.getKey())
                .append(' ').append(source.getValue().path("lastAboutCustomer").asText()));
        text.add(freshness.toString());
        return text.toString();
    }

    static String line(JsonNode document) {
        StringBuilder line = new StringBuilder("- ");
        String when = first(document, "occurredAt", "issuedAt", "updatedAt");
        if (when != null) {
            line.append(when, 0, Math.min(10, when.length())).append(' ');
        }
        switch (document.path("type").asText()) {
            case "invoice" -> line.append("invoice ").append(document.path("number").asText(""))
                    .append(' ').append(document.path("status").asText()).append(' ')
                    .append(document.path("total").asText()).append(' ').append(document.path("currency").asText());
            case "deal" -> line.append("deal ").append(document.path("name").asText(""))
                    .append(' ').append(document.path("status").asText()).append(", stage ")
                    .append(document.path("stage").path("label").asText("?")).append(' ')
                    .append(document.path("amount").asText("")).append(' ').append(document.path("currency").asText(""));
            case "customer" -> line.append(document.path("name").asText("(no name)")).append(' ')
                    .append(document.path("emails"));
            default -> line.append(document.path("eventType").asText("event")).append(": ")
                    .append(first(document, "subject", "text") == null ? "" : first(document, "subject", "text"));
        }
        String text = document.path("text").asText("");
        if (!text.isBlank() && !"customer".equals(document.path("type").asText())) {
            line.append(" — ").append(text.replaceAll("\\s+", " "));
        }
        String shortened = line.length() > LINE_LIMIT ? line.substring(0, LINE_LIMIT) + "…" : line.toString();
        return shortened + " [" + document.path("id").asText() + "]";
    }

    private static String first(JsonNode document, String... fields) {
        for (String field : fields) {
            if (document.hasNonNull(field) && !document.get(field).asText().isBlank()) {
                return document.get(field).asText();
            }
        }
        return null;
    }

    /** Lines until the budget is spent. */
    private static final class Budget {
        private final int maxChars;
        private final StringBuilder text = new StringBuilder();

        Budget(int maxTokens) {
            this.maxChars = maxTokens * CHARS_PER_TOKEN;
        }

        boolean add(String line) {
            if (text.length() + line.length() + 1 > maxChars) {
                return false;
            }
            text.append(line).append('\n');
            return true;
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
