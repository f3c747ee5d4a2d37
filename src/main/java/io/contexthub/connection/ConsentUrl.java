package io.contexthub.connection;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** A provider's authorization URL: its endpoint with the request's parameters, form-encoded, unset ones left out. */
public final class ConsentUrl {

    private ConsentUrl() {
    }

    /** @param pairs names and values, in the order they should appear; a null value leaves its name out */
    public static URI of(URI endpoint, String... pairs) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            parameters.put(pairs[i], pairs[i + 1]);
        }
        return of(endpoint, parameters);
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
