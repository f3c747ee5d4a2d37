package io.contexthub.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.platform.HttpOutcome;
import io.contexthub.platform.TransientFailureException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.ParseException;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.opensearch.client.Request;
import org.opensearch.client.Response;
import org.opensearch.client.ResponseException;
import org.opensearch.client.RestClient;

/**
 * Every call the hub makes to OpenSearch, classified in one place: the cluster unreachable, 429 or 5xx is
 * {@link TransientFailureException} (the batch or the sync call is retried, a circuit breaker may open); any other
 * refusal is a bug or a misconfiguration and is thrown as {@link IllegalStateException}. Callers name the statuses
 * they expect (404 for "not there", 409 for "someone else won") and get them back as answers.
 */
public final class OpenSearchRest implements AutoCloseable {

    /** An answer: its status and its JSON body (empty object when it had none). */
    public record Reply(int status, JsonNode body) {
    }

    private final RestClient client;
    private final ObjectMapper mapper;

    public OpenSearchRest(OpenSearchProperties properties, ObjectMapper mapper) {
        this.client = OpenSearchClients.restClient(properties);
        this.mapper = mapper;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** Creates the index with these settings and mappings unless it exists; true when this call created it. */
    public boolean ensureIndex(String index, JsonNode body) {
        if (send("HEAD", "/" + index, null, 404).status() == 200) {
            return false;
        }
        Reply created = send("PUT", "/" + index, body.toString(), 400);
        if (created.status() == 400) {
            if (created.body().toString().contains("resource_already_exists_exception")) {
                return false; // another instance created it meanwhile
            }
            throw new IllegalStateException("OpenSearch refused to create " + index + ": " + created.body());
        }
        return true;
    }

    /**
     * Creates an index of the hub's own records unless it exists: one shard, {@code replicas} replicas, and only the
     * named fields mapped (name to type), everything else kept in {@code _source} alone. No fields: nothing is
     * indexed at all, the records are read by id.
     */
    public boolean ensureRecordIndex(String index, int replicas, Map<String, String> fields) {
        ObjectNode body = mapper.createObjectNode();
        body.putObject("settings").putObject("index").put("number_of_shards", 1).put("number_of_replicas", replicas);
        ObjectNode mappings = body.putObject("mappings").put("dynamic", false);
        if (fields.isEmpty()) {
            mappings.put("enabled", false);
        } else {
            ObjectNode properties = mappings.putObject("properties");
            fields.forEach((name, type) -> properties.putObject(name).put("type", type));
        }
        return ensureIndex(index, body);
    }

    /** A GET whose 404 means "not there". */
    public Optional<JsonNode> get(String endpoint) {
        Reply reply = send("GET", endpoint, null, 404);
        return reply.status() == 404 ? Optional.empty() : Optional.of(reply.body());
    }

    public JsonNode send(String method, String endpoint, JsonNode body) {
        return send(method, endpoint, body == null ? null : body.toString()).body();
    }

    /** A bulk request (newline-delimited JSON). */
    public JsonNode bulk(String endpoint, String ndjson) {
        Request request = new Request("POST", endpoint);
        request.setEntity(new StringEntity(ndjson, ContentType.create("application/x-ndjson", StandardCharsets.UTF_8)));
        return execute(request, Set.of()).body();
    }

    /** Sends a request; the {@code expected} statuses come back as replies, any other failure is classified. */
    public Reply send(String method, String endpoint, String body, Integer... expected) {
        Request request = new Request(method, endpoint);
        if (body != null) {
            request.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        }
        return execute(request, Set.of(expected));
    }

    private Reply execute(Request request, Set<Integer> expected) {
        String what = request.getMethod() + " " + request.getEndpoint();
        try {
            Response response = client.performRequest(request);
            // the low-level client returns a HEAD's 404 instead of throwing it
            return new Reply(response.getStatusLine().getStatusCode(), read(response));
        } catch (ResponseException e) {
            int status = e.getResponse().getStatusLine().getStatusCode();
            if (expected.contains(status)) {
                return new Reply(status, read(e.getResponse()));
            }
            if (HttpOutcome.of(status) == HttpOutcome.TRANSIENT) {
                throw new TransientFailureException("OpenSearch unavailable (" + status + ") for " + what + ": "
                        + e.getMessage(), e);
            }
            throw new IllegalStateException("OpenSearch refused " + what + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new TransientFailureException("OpenSearch unreachable for " + what + ": " + e.getMessage(), e);
        }
    }

    private JsonNode read(Response response) {
        try {
            if (response.getEntity() == null) {
                return mapper.createObjectNode();
            }
            String text = EntityUtils.toString(response.getEntity());
            return text.isBlank() ? mapper.createObjectNode() : mapper.readTree(text);
        } catch (IOException | ParseException e) {
            return mapper.createObjectNode().put("unreadable", e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
