package io.contexthub.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.access.Grant;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.core.env.Environment;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The console's only way to data: the hub's own HTTP API, called over loopback with the logged-in user's token.
 * So the console answers exactly what the API would (roles, scopes, tenants, quotas, audit trail) and a page can
 * never do more than its user's key. Over TLS, the hub's own certificate is the one trusted ({@link OwnCertificate}).
 */
@Component
public class HubApi {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Environment environment;
    private final ObjectMapper mapper;
    private final boolean tls;
    private final String host;
    private final HttpClient client;

    public HubApi(Environment environment, ServerProperties server, ObjectMapper mapper, OwnCertificate certificate) {
        this.environment = environment;
        this.mapper = mapper;
        this.tls = server.getSsl() != null && server.getSsl().isEnabled();
        this.host = server.getAddress() == null || server.getAddress().isAnyLocalAddress() ? "127.0.0.1"
                : server.getAddress().getHostAddress().contains(":") ? "[" + server.getAddress().getHostAddress() + "]"
                : server.getAddress().getHostAddress();
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER);
        if (tls) {
            builder.sslContext(certificate.trustingOnlyIt());
        }
        this.client = builder.build();
    }

    /** An answer of the API: its status and JSON body (an error body on failure). */
    public record Reply(int status, JsonNode body) {

        private static final ObjectMapper TREE = new ObjectMapper();

        /** A field of the body as plain lists and maps, which templates read as {@code ${s.name}}; null if absent. */
        public Object get(String field) {
            return plain(body.path(field));
        }

        /** The whole body as a map. */
        public Object all() {
            return plain(body);
        }

        private static Object plain(JsonNode node) {
            return node.isMissingNode() || node.isNull() ? null : TREE.convertValue(node, Object.class);
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The API's own words for a refusal: {@code 403 forbidden: … needs the operator role}. */
        public String problem() {
            return status + " " + body.path("error").asText("error") + ": "
                    + body.path("detail").asText(body.path("message").asText(""));
        }
    }

    public Reply get(String path, Map<String, String> query) {
        return send(request(path + queryString(query)).GET());
    }

    public Reply get(String path) {
        return get(path, Map.of());
    }

    public Reply post(String path, JsonNode body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body.toString())));
    }

    public Reply put(String path, JsonNode body) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    public Reply delete(String path) {
        return send(request(path).DELETE());
    }

    /** The logged-in user's grant. */
    public static Grant grant() {
        return login().getPrincipal();
    }

    private static ConsoleAuthentication login() {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof ConsoleAuthentication login) {
            return login;
        }
        throw new IllegalStateException("no console login on this request");
    }

    private HttpRequest.Builder request(String path) {
        String port = environment.getProperty("local.server.port");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create((tls ? "https" : "http") + "://" + host + ":"
                        + port + path)).timeout(TIMEOUT).header("Authorization", "Bearer " + login().token())
                .header("Accept", "application/json");
        TenantChoice.current().ifPresent(tenant -> request.header(Grant.TENANT_HEADER, tenant));
        return request;
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode body;
            try {
                body = response.body().length == 0 ? mapper.createObjectNode() : mapper.readTree(response.body());
            } catch (IOException e) {
                body = mapper.createObjectNode().put("error", "unreadable").put("detail", "the API answered "
                        + response.statusCode() + " with a body that is not JSON");
            }
            return new Reply(response.statusCode(), body);
        } catch (IOException e) {
            return new Reply(503, mapper.createObjectNode().put("error", "unavailable")
                    .put("detail", "the hub's API could not be reached: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(503, mapper.createObjectNode().put("error", "unavailable").put("detail", "interrupted"));
        }
    }

    static String queryString(Map<String, String> query) {
        Map<String, String> set = new LinkedHashMap<>();
        query.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                set.put(name, value.trim());
            }
        });
        return set.isEmpty() ? "" : "?" + set.entrySet().stream().map(e -> e.getKey() + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
