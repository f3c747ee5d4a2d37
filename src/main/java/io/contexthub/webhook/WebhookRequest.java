package io.contexthub.webhook;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An inbound webhook as it arrived: the raw body bytes (signatures are computed over these, never over
 * re-serialised JSON) and the request headers, looked up case-insensitively.
 */
public final class WebhookRequest {

    private final byte[] body;
    private final Map<String, String> headers;

    public WebhookRequest(byte[] body, Map<String, ?> headers) {
        this.body = body == null ? new byte[0] : body;
        var map = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, value) -> {
            if (value != null) {
                map.put(name, value.toString());
            }
        });
        this.headers = map;
    }

    public byte[] body() {
        return body;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }
}
