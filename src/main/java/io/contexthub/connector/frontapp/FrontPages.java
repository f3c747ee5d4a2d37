package io.contexthub.connector.frontapp;

import com.fasterxml.jackson.databind.JsonNode;
import io.contexthub.platform.PermanentFailureException;
import io.contexthub.sync.SyncRequest;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** How every Front list response pages: {@code _results}, and the absolute {@code _pagination.next} until null. */
final class FrontPages {

    private FrontPages() {
    }

    static JsonNode results(SyncRequest request, JsonNode body) {
        JsonNode results = body.path("_results");
        if (!results.isArray()) {
            throw new PermanentFailureException("Front's answer to " + request.url() + " has no _results array");
        }
        return results;
    }

    /** The next page, followed verbatim; a short page is no sign of the end, only a null next is. */
    static Optional<SyncRequest> next(SyncRequest request, JsonNode body) {
        JsonNode next = body.path("_pagination").path("next");
        return next.isTextual() && !next.asText().isBlank()
                ? Optional.of(new SyncRequest(request.kind(), next.asText(), request.context()))
                : Optional.empty();
    }

    /** The later of two Front timestamps (epoch seconds with a fraction), compared as numbers. */
    static String laterSeconds(String a, String b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return new BigDecimal(a).compareTo(new BigDecimal(b)) >= 0 ? a : b;
    }

    static String newest(JsonNode results, String field, String current) {
        String newest = current;
        for (JsonNode result : results) {
            if (result.path(field).isNumber()) {
                newest = laterSeconds(newest, result.path(field).decimalValue().toPlainString());
            }
        }
        return newest;
    }

    static List<SyncRequest> pageList(Optional<SyncRequest> next) {
        return next.map(List::of).orElse(List.of());
    }
}
