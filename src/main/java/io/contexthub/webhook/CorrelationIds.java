package io.contexthub.webhook;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.camel.Message;

/**
 * The correlation id of a webhook request: the sender's own {@code X-Correlation-Id} (or {@code X-Request-Id}, as
 * gateways and proxies set it) when it is a plain token of at most 64 characters, else a new one. It goes back in
 * the answer's {@code X-Correlation-Id}, into every envelope of the request, the documents' provenance, the dead
 * letters and the log lines about them, so one event can be followed from the request to the store.
 */
public final class CorrelationIds {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private CorrelationIds() {
    }

    public static String of(Message request) {
        return header(request, "X-Correlation-Id").or(() -> header(request, "X-Request-Id"))
                .orElseGet(() -> UUID.randomUUID().toString().replace("-", ""));
    }

    private static Optional<String> header(Message request, String name) {
        String value = request.getHeader(name, String.class);
        return value != null && TOKEN.matcher(value.trim()).matches() ? Optional.of(value.trim()) : Optional.empty();
    }
}
