package io.contexthub.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.platform.TransientFailureException;
import io.contexthub.store.opensearch.OpenSearchProperties;
import io.contexthub.store.opensearch.OpenSearchRest;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The identity graph in {@code <prefix>-identity}, shared by every hub instance. Rows are read with {@code _mget},
 * which is realtime (a row written a moment ago by another instance is seen without waiting for a refresh), and
 * written in one bulk request under {@code if_seq_no}/{@code if_primary_term} ({@code create} for a new row):
 * of two instances changing the same row, one gets 409 and re-reads.
 */
public class OpenSearchIdentityTable implements IdentityTable {

    private final OpenSearchRest rest;
    private final ObjectMapper mapper;
    private final String index;

    public OpenSearchIdentityTable(OpenSearchProperties properties, ObjectMapper mapper) {
        this.rest = new OpenSearchRest(properties, mapper);
        this.mapper = mapper;
        this.index = properties.indexPrefix() + "-identity";
        // Rows are only ever read by id: nothing needs indexing.
        rest.ensureRecordIndex(index, properties.replicas(), Map.of());
    }

    @Override
    public Map<String, Row> get(Collection<String> ids) {
        Map<String, Row> rows = new HashMap<>();
        if (ids.isEmpty()) {
            return rows;
        }
        ObjectNode body = mapper.createObjectNode();
        new LinkedHashSet<>(ids).forEach(body.putArray("ids")::add);
        for (JsonNode doc : rest.send("POST", "/" + index + "/_mget", body).path("docs")) {
            if (doc.path("found").asBoolean(false)) {
                rows.put(doc.path("_id").asText(), new Row(doc.path("_id").asText(), (ObjectNode) doc.path("_source"),
                        doc.path("_seq_no").asLong(), doc.path("_primary_term").asLong()));
            } else if (doc.has("error")) {
                throw new TransientFailureException("OpenSearch could not read " + doc.path("_id").asText()
                        + " from " + index + ": " + doc.path("error"), null);
            }
        }
        return rows;
    }

    @Override
    public Set<String> put(List<Write> writes) {
        Set<String> conflicts = new HashSet<>();
        if (writes.isEmpty()) {
            return conflicts;
        }
        StringBuilder bulk = new StringBuilder();
        for (Write write : writes) {
            ObjectNode action = mapper.createObjectNode();
            if (write.expected() == null) {
                action.putObject("create").put("_id", write.id());
            } else {
                action.putObject("index").put("_id", write.id()).put("if_seq_no", write.expected().seqNo())
                        .put("if_primary_term", write.expected().primaryTerm());
            }
            bulk.append(action).append('\n').append(write.doc()).append('\n');
        }
        for (JsonNode item : rest.bulk("/" + index + "/_bulk", bulk.toString()).path("items")) {
            JsonNode result = item.elements().next();
            int status = result.path("status").asInt();
            if (status == 409) {
                conflicts.add(result.path("_id").asText());
            } else if (status >= 300) {
                throw new TransientFailureException("OpenSearch refused identity row " + result.path("_id").asText()
                        + ": " + result.path("error"), null);
            }
        }
        return conflicts;
    }

    @Override
    public void delete(Collection<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        StringBuilder bulk = new StringBuilder();
        for (String id : ids) {
            ObjectNode action = mapper.createObjectNode();
            action.putObject("delete").put("_id", id);
            bulk.append(action).append('\n');
        }
        for (JsonNode item : rest.bulk("/" + index + "/_bulk?refresh=true", bulk.toString()).path("items")) {
            int status = item.path("delete").path("status").asInt();
            if (status >= 300 && status != 404) {
                throw new TransientFailureException("OpenSearch refused to delete identity row "
                        + item.path("delete").path("_id").asText() + ": " + item.path("delete").path("error"), null);
            }
        }
    }

    /** Nothing to do: an acknowledged bulk item is in the translog. */
    @Override
    public void flush() {
    }

    @Override
    public void close() {
        rest.close();
    }
}
