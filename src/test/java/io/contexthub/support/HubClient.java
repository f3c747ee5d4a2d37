package io.contexthub.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;

/** Talks to a running hub over its real HTTP port, as a webhook sender or an API user would. */
public final class HubClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    public HubClient(int port, String token) {
        this.base = "http://localhost:" + port;
        this.token = token;
    }

    public record Reply(int status, HttpResponse<String> response) {

        public JsonNode json() {
            try {
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + response.body(), e);
            }
        }

        public String body() {
            return response.body();
        }
    }

    public Reply post(String path, Map<String, String> headers, byte[] body) {
        var builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(builder::header);
        return send(builder.build());
    }

    public Reply postFront(String secret, byte[] body) {
        return post("/webhooks/frontapp", FrontSigner.headers(secret, System.currentTimeMillis(), body), body);
    }

    public Reply api(String method, String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).method(method, HttpRequest.BodyPublishers.noBody())
                .build());
    }

    /** An API call with a JSON body. */
    public Reply api(String method, String pathAndQuery, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Reply search(String q, String type, int k) {
        String query = "/api/context/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&k=" + k
                + (type == null ? "" : "&type=" + type);
        return api("GET", query);
    }

    /** One stream of one connector as {@code GET /api/connectors} reports it. */
    public JsonNode stream(String connector, String name) {
        JsonNode connectors = api("GET", "/api/connectors").json().path("connectors");
        for (JsonNode candidate : connectors) {
            for (JsonNode stream : candidate.path("streams")) {
                if (candidate.path("name").asText().equals(connector) && stream.path("name").asText().equals(name)) {
                    return stream;
                }
            }
        }
        throw new AssertionError("no stream " + connector + "/" + name + " in " + connectors);
    }

    /** Starts a run through the API and waits until it has finished in the given state; returns the stream then. */
    public JsonNode syncAndAwait(String connector, String name, String state, Duration atMost) {
        return syncAndAwait(connector, name, "", state, atMost);
    }

    /** A full re-read of a stream ({@code ?full=true}), awaited until it ends in {@code state}. */
    public JsonNode rereadAndAwait(String connector, String name, String state, Duration atMost) {
        return syncAndAwait(connector, name, "&full=true", state, atMost);
    }

    private JsonNode syncAndAwait(String connector, String name, String options, String state, Duration atMost) {
        String finishedBefore = stream(connector, name).path("finishedAt").asText("");
        Reply started = api("POST", "/api/connectors/" + connector + "/sync?stream=" + name + options);
        if (started.status() != 202) {
            throw new AssertionError("sync of " + connector + "/" + name + " not started: " + started.body());
        }
        Awaitility.await().atMost(atMost).until(() -> {
            JsonNode now = stream(connector, name);
            return now.path("state").asText().equals(state)
                    && !now.path("finishedAt").asText("").equals(finishedBefore);
        });
        return stream(connector, name);
    }

    public Reply raw(HttpRequest request) {
        return send(request);
    }

    public String base() {
        return base;
    }

    private Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
