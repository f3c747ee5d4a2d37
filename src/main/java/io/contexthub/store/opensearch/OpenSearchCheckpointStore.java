package io.contexthub.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.platform.TransientFailureException;
import io.contexthub.sync.Checkpoint;
import io.contexthub.sync.CheckpointStore;
import io.contexthub.sync.SyncRunRecord;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checkpoints, sync leases and sealed credentials in {@code <prefix>-checkpoints}, shared by every hub instance.
 * Reads are realtime gets by id, which see every acknowledged write, so writes do not wait for a refresh (with
 * {@code refresh=wait_for} each page of a sync waited up to the refresh interval, twice). A lease is a document
 * taken with {@code op_type=create}, or, once expired, replaced under {@code if_seq_no}/{@code if_primary_term}: of
 * two instances racing for it, exactly one write succeeds and the other gets 409.
 */
public class OpenSearchCheckpointStore implements CheckpointStore, AutoCloseable {

    private final OpenSearchRest rest;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final String index;
    private final String runsIndex;

    public OpenSearchCheckpointStore(OpenSearchProperties properties, ObjectMapper mapper, Clock clock) {
        this.rest = new OpenSearchRest(properties, mapper);
        this.mapper = mapper;
        this.clock = clock;
        this.index = properties.indexPrefix() + "-checkpoints";
        rest.ensureRecordIndex(index, properties.replicas(), Map.of("kind", "keyword"));
        this.runsIndex = properties.indexPrefix() + "-sync-runs";
        rest.ensureRecordIndex(runsIndex, properties.replicas(), Map.of("connector", "keyword", "stream", "keyword",
                "startedAt", "date"));
    }

    @Override
    public void recordRun(SyncRunRecord run) {
        // kept beyond SyncRunRecord.KEPT: a handful of small documents per run; the list shows the newest
        ObjectNode source = mapper.valueToTree(run);
        // ISO-8601 whatever the mapper's date setting: the index reads startedAt as a date
        source.put("startedAt", run.startedAt().toString());
        source.put("finishedAt", run.finishedAt().toString());
        write("/" + runsIndex + "/_doc/" + encode(run.id()), source);
    }

    @Override
    public List<SyncRunRecord> runs(String connector, String stream, int limit) {
        rest.send("POST", "/" + runsIndex + "/_refresh", null);
        ObjectNode query = mapper.createObjectNode().put("size", Math.min(limit, SyncRunRecord.KEPT));
        ArrayNode filters = query.putObject("query").putObject("bool").putArray("filter");
        filters.addObject().putObject("term").put("connector", connector);
        filters.addObject().putObject("term").put("stream", stream);
        query.putArray("sort").addObject().put("startedAt", "desc");
        List<SyncRunRecord> runs = new ArrayList<>();
        for (JsonNode hit : rest.send("POST", "/" + runsIndex + "/_search", query).path("hits").path("hits")) {
            try {
                runs.add(mapper.treeToValue(hit.path("_source"), SyncRunRecord.class));
            } catch (IOException e) {
                throw new IllegalStateException("unreadable run in " + runsIndex + ": " + e.getMessage(), e);
            }
        }
        return runs;
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
        // a search sees what was refreshed; make it everything written so far (rare: listing, tests)
        rest.send("POST", "/" + index + "/_refresh", null);
        List<Checkpoint> checkpoints = new ArrayList<>();
        for (JsonNode hit : rest.send("POST", "/" + index + "/_search", query).path("hits").path("hits")) {
            checkpoints.add(read(hit.path("_source").path("checkpoint")));
        }
        return checkpoints;
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
        return conditionalWrite("/" + index + "/_doc/" + id + versionOf(current.get()), lease);
    }

    @Override
    public void release(String key, String owner) {
        Optional<JsonNode> current = document("lease:" + key);
        if (current.isEmpty() || !owner.equals(current.get().path("_source").path("owner").asText())) {
            return;
        }
        // 409: taken over meanwhile; 404: gone already. Either way it is not ours any more.
        rest.send("DELETE", "/" + index + "/_doc/" + encode("lease:" + key) + versionOf(current.get()), null,
                409, 404);
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

    @Override
    public void removeCredential(String key) {
        rest.send("DELETE", "/" + index + "/_doc/" + encode("credential:" + key), null, 404);
    }

    private Optional<JsonNode> document(String id) {
        return rest.get("/" + index + "/_doc/" + encode(id));
    }

    private static String versionOf(JsonNode document) {
        return "?if_seq_no=" + document.path("_seq_no").asLong() + "&if_primary_term="
                + document.path("_primary_term").asLong();
    }

    private void write(String endpoint, JsonNode body) {
        if (!conditionalWrite(endpoint, body)) {
            throw new TransientFailureException("OpenSearch refused " + endpoint + " as a conflict", null);
        }
    }

    /** True when written; false when another writer got there first (409). */
    private boolean conditionalWrite(String endpoint, JsonNode body) {
        return rest.send("PUT", endpoint, body.toString(), 409).status() != 409;
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

    @Override
    public void close() {
        rest.close();
    }
}
