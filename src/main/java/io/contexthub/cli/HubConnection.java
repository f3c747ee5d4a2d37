package io.contexthub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * Where a running hub is and how to call its API ({@code --url}, {@code --token}, {@code --tenant}), for the
 * commands that talk to one. The token defaults to {@code HUB_API_TOKEN}, so it stays out of the shell history.
 */
final class HubConnection {

    static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--url", defaultValue = "${env:HUB_URL:-http://localhost:8080}",
            description = "the hub's base URL (default: $HUB_URL or ${DEFAULT-VALUE})")
    URI url;

    @Option(names = "--token", defaultValue = "${env:HUB_API_TOKEN}",
            description = "an API key or the bootstrap token (default: $HUB_API_TOKEN)")
    String token;

    @Option(names = "--tenant", description = "the tenant to work in, for a cross-tenant key (X-Hub-Tenant)")
    String tenant;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** An answer: status and JSON body. */
    record Reply(int status, JsonNode body) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The API's refusal as one line: {@code 403 forbidden: …}. */
        String problem() {
            return status + " " + body.path("error").asText("error") + ": " + body.path("detail").asText(
                    body.toString());
        }
    }

    Reply api(String method, String path, JsonNode body) throws IOException, InterruptedException {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("no token: set HUB_API_TOKEN or pass --token");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(resolve(path)).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        if (tenant != null) {
            request.header("X-Hub-Tenant", tenant);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString()));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request.build());
    }

    Reply send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        JsonNode body;
        try {
            body = response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            body = JSON.createObjectNode().put("error", "not_json").put("detail", new String(response.body()));
        }
        return new Reply(response.statusCode(), body);
    }

    URI resolve(String path) {
        return URI.create(url.toString().replaceAll("/+$", "") + path);
    }

    static String pretty(JsonNode node) throws IOException {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }
}
