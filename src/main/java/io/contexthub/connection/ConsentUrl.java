package io.contexthub.connection;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** A provider's authorization URL: its endpoint with the request's parameters, form-encoded, unset ones left out. */
public final class ConsentUrl {

    private ConsentUrl() {
    }

    /** @param parameters in the order they should appear; null values are left out */
    public static URI of(URI endpoint, Map<String, String> parameters) {
        String query = parameters.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
        String base = endpoint.toString();
        return URI.create(base + (base.contains("?") ? "&" : "?") + query);
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
