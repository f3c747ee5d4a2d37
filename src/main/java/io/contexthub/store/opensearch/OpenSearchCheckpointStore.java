package io.contexthub.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.platform.TransientFailureException;
import io.contexthub.sync.Checkpoint;
import io.contexthub.sync.CheckpointStore;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.opensearch.client.Request;
import org.opensearch.client.Response;
import org.opensearch.client.ResponseException;
import org.opensearch.client.RestClient;

/**
 * Checkpoints, sync leases and sealed credentials in {@code <prefix>-checkpoints}, shared by every hub instance.
 * Reads are realtime gets by id, which see every acknowledged write, so writes do not wait for a refresh (with
 * {@code refresh=wait_for} each page of a sync waited up to the refresh interval, twice). A lease is a document taken with {@code op_type=create}, or,
 * once expired, replaced under {@code if_seq_no}/{@code if_primary_term}: of two instances racing for it, exactly
 * one write succeeds and the other gets 409.
 */
public class OpenSearchCheckpointStore implements CheckpointStore, AutoCloseable {

    private final RestClient client;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final String index;

    public OpenSearchCheckpointStore(OpenSearchProperties properties, ObjectMapper mapper, Clock clock) {
        this.client = OpenSearchClients.restClient(properties);
        this.mapper = mapper;
        this.clock = clock;
        this.index = properties.indexPrefix() + "-checkpoints";
        ensureIndex(properties.replicas());
    }

    private void ensureIndex(int replicas) {
        ObjectNode body = mapper.createObjectNode();
        body.putObject("settings").putObject("index").put("number_of_shards", 1).put("number_of_replicas", replicas);
        ObjectNode mappings = body.putObject("mappings").put("dynamic", false);
        mappings.putObject("properties").putObject("kind").put("type", "keyword");
        try {
            Response head = client.performRequest(new Request("HEAD", "/" + index));
            if (head.getStatusLine().getStatusCode() == 200) {
                return;
            }
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() != 404) {
                throw unavailable("checking " + index, e);
            }
        } catch (IOException e) {
            throw unavailable("checking " + index, e);
        }
        try {
            Request create = new Request("PUT", "/" + index);
            create.setEntity(new StringEntity(body.toString(), ContentType.APPLICATION_JSON));
            client.performRequest(create);
        } catch (ResponseException e) {
            if (!e.getMessage().contains("resource_already_exists_exception")) {
                throw unavailable("creating " + index, e);
            }
        } catch (IOException e) {
            throw unavailable("creating " + index, e);
        }
    }

    @Override
    public Optional<Checkpoint> get(String connector, String stream) {
        return document(id(connector, stream)).map(doc -> read(doc.path("_source").path("checkpoint")));
    }

    @Override
    public void put(Checkpoint checkpoint) {
        ObjectNode source = mapper.createObjectNode();
        source.put("kind", "checkpoint");
        source.set("checkpoint", mapper.valueToTree(checkpoint));
        write("/" + index + "/_doc/" + encode(id(checkpoint.connector(), checkpoint.stream())), source);
    }

    @Override
    public List<Checkpoint> all() {
        ObjectNode query = mapper.createObjectNode().put("size", 1000);
        query.putObject("query").putObject("term").put("kind", "checkpoint");
        try {
            // a search sees what was refreshed; make it everything written so far (rare: listing, tests)
            client.performRequest(new Request("POST", "/" + index + "/_refresh"));
            Request request = new Request("POST", "/" + index + "/_search");
            request.setEntity(new StringEntity(query.toString(), ContentType.APPLICATION_JSON));
            JsonNode response = mapper.readTree(EntityUtils.toString(client.performRequest(request).getEntity()));
            List<Checkpoint> checkpoints = new ArrayList<>();
            for (JsonNode hit : response.path("hits").path("hits")) {
                checkpoints.add(read(hit.path("_source").path("checkpoint")));
            }
            return checkpoints;
        } catch (IOException | org.apache.hc.core5.http.ParseException e) {
            throw unavailable("listing checkpoints", e);
        }
    }

    @Override
    public boolean lease(String key, String owner, Duration ttl) {
        String id = encode("lease:" + key);
        Instant now = clock.instant();
        ObjectNode lease = mapper.createObjectNode().put("kind", "lease").put("owner", owner)
                .put("until", now.plus(ttl).toString());
        Optional<JsonNode> current = document("lease:" + key);
        if (current.isEmpty()) {
            return conditionalWrite("/" + index + "/_create/" + id, lease);
        }
        JsonNode held = current.get().path("_source");
        boolean mine = owner.equals(held.path("owner").asText());
        boolean expired = Instant.parse(held.path("until").asText(Instant.EPOCH.toString())).isBefore(now);
        if (!mine && !expired) {
            return false;
        }
        return conditionalWrite("/" + index + "/_doc/" + id + "?if_seq_no="
                + current.get().path("_seq_no").asLong() + "&if_primary_term="
                + current.get().path("_primary_term").asLong(), lease);
    }

    @Override
    public void release(String key, String owner) {
        Optional<JsonNode> current = document("lease:" + key);
        if (current.isEmpty() || !owner.equals(current.get().path("_source").path("owner").asText())) {
            return;
        }
        try {
            client.performRequest(new Request("DELETE", "/" + index + "/_doc/" + encode("lease:" + key)
                    + "?if_seq_no=" + current.get().path("_seq_no").asLong() + "&if_primary_term="
                    + current.get().path("_primary_term").asLong()));
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() != 409
                    && e.getResponse().getStatusLine().getStatusCode() != 404) {
                throw unavailable("releasing lease " + key, e);
            }
        } catch (IOException e) {
            throw unavailable("releasing lease " + key, e);
        }
    }

    @Override
    public Optional<String> credential(String key) {
        return document("credential:" + key).map(doc -> doc.path("_source").path("sealed").asText());
    }

    @Override
    public void putCredential(String key, String sealed) {
        ObjectNode source = mapper.createObjectNode().put("kind", "credential").put("sealed", sealed);
        write("/" + index + "/_doc/" + encode("credential:" + key), source);
    }

    private Optional<JsonNode> document(String id) {
        try {
            Response response = client.performRequest(new Request("GET", "/" + index + "/_doc/" + encode(id)));
            return Optional.of(mapper.readTree(EntityUtils.toString(response.getEntity())));
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return Optional.empty();
            }
            throw unavailable("reading " + id, e);
        } catch (IOException | org.apache.hc.core5.http.ParseException e) {
            throw unavailable("reading " + id, e);
        }
    }

    private void write(String endpoint, JsonNode body) {
        if (!conditionalWrite(endpoint, body)) {
            throw new TransientFailureException("OpenSearch refused " + endpoint + " as a conflict", null);
        }
    }

    /** True when written; false when another writer got there first (409). */
    private boolean conditionalWrite(String endpoint, JsonNode body) {
        try {
            Request request = new Request("PUT", endpoint);
            request.setEntity(new StringEntity(body.toString(), ContentType.APPLICATION_JSON));
            client.performRequest(request);
            return true;
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 409) {
                return false;
            }
            throw unavailable("writing " + endpoint, e);
        } catch (IOException e) {
            throw unavailable("writing " + endpoint, e);
        }
    }

    private Checkpoint read(JsonNode node) {
        try {
            return mapper.treeToValue(node, Checkpoint.class);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable checkpoint in " + index + ": " + e.getMessage(), e);
        }
    }

    private static String id(String connector, String stream) {
        return "checkpoint:" + connector + "." + stream;
    }

    private static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    private static TransientFailureException unavailable(String what, Exception e) {
        return new TransientFailureException("OpenSearch unavailable while " + what + ": " + e.getMessage(), e);
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
