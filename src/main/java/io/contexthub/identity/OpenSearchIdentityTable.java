package io.contexthub.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.platform.TransientFailureException;
import io.contexthub.store.opensearch.OpenSearchClients;
import io.contexthub.store.opensearch.OpenSearchProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.opensearch.client.Request;
import org.opensearch.client.Response;
import org.opensearch.client.ResponseException;
import org.opensearch.client.RestClient;

/**
 * The identity graph in {@code <prefix>-identity}, shared by every hub instance. Rows are read with {@code _mget},
 * which is realtime (a row written a moment ago by another instance is seen without waiting for a refresh), and
 * written in one bulk request under {@code if_seq_no}/{@code if_primary_term} ({@code create} for a new row):
 * of two instances changing the same row, one gets 409 and re-reads.
 */
public class OpenSearchIdentityTable implements IdentityTable {

    private final RestClient client;
    private final ObjectMapper mapper;
    private final String index;

    public OpenSearchIdentityTable(OpenSearchProperties properties, ObjectMapper mapper) {
        this.client = OpenSearchClients.restClient(properties);
        this.mapper = mapper;
        this.index = properties.indexPrefix() + "-identity";
        ensureIndex(properties.replicas());
    }

    private void ensureIndex(int replicas) {
        ObjectNode body = mapper.createObjectNode();
        body.putObject("settings").putObject("index").put("number_of_shards", 1).put("number_of_replicas", replicas);
        // Rows are only ever read by id: nothing needs indexing.
        body.putObject("mappings").put("dynamic", false).put("enabled", false);
        try {
            // the low-level client answers a HEAD 404 as a response, not an exception
            if (send("HEAD", "/" + index, null).getStatusLine().getStatusCode() == 200) {
                return;
            }
            send("PUT", "/" + index, body.toString());
        } catch (ResponseException e) {
            if (!e.getMessage().contains("resource_already_exists_exception")) {
                throw unavailable("creating " + index, e);
            }
        } catch (IOException e) {
            throw unavailable("creating " + index, e);
        }
    }

    @Override
    public Map<String, Row> get(Collection<String> ids) {
        Map<String, Row> rows = new HashMap<>();
        if (ids.isEmpty()) {
            return rows;
        }
        ObjectNode body = mapper.createObjectNode();
        new LinkedHashSet<>(ids).forEach(body.putArray("ids")::add);
        try {
            JsonNode response = read(send("POST", "/" + index + "/_mget", body.toString()));
            for (JsonNode doc : response.path("docs")) {
                if (doc.path("found").asBoolean(false)) {
                    rows.put(doc.path("_id").asText(), new Row(doc.path("_id").asText(),
                            (ObjectNode) doc.path("_source"), doc.path("_seq_no").asLong(),
                            doc.path("_primary_term").asLong()));
                } else if (doc.has("error")) {
                    throw new TransientFailureException("OpenSearch could not read " + doc.path("_id").asText()
                            + " from " + index + ": " + doc.path("error"), null);
                }
            }
            return rows;
        } catch (IOException e) {
            throw unavailable("reading " + index, e);
        }
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
        try {
            Request request = new Request("POST", "/" + index + "/_bulk");
            request.setEntity(new StringEntity(bulk.toString(), ContentType.create("application/x-ndjson",
                    StandardCharsets.UTF_8)));
            JsonNode response = read(client.performRequest(request));
            for (JsonNode item : response.path("items")) {
                JsonNode result = item.elements().next();
                int status = result.path("status").asInt();
                if (status == 409) {
                    conflicts.add(result.path("_id").asText());
                } else if (status >= 300) {
                    throw new TransientFailureException("OpenSearch refused identity row " + result.path("_id")
                            .asText() + ": " + result.path("error"), null);
                }
            }
            return conflicts;
        } catch (IOException e) {
            throw unavailable("writing " + index, e);
        }
    }

    /** Nothing to do: an acknowledged bulk item is in the translog. */
    @Override
    public void flush() {
    }

    private Response send(String method, String endpoint, String body) throws IOException {
        Request request = new Request(method, endpoint);
        if (body != null) {
            request.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        }
        return client.performRequest(request);
    }

    private JsonNode read(Response response) throws IOException {
        try {
            return mapper.readTree(EntityUtils.toString(response.getEntity()));
        } catch (org.apache.hc.core5.http.ParseException e) {
            throw new IOException(e);
        }
    }

    private static TransientFailureException unavailable(String what, Exception e) {
        return new TransientFailureException("OpenSearch unavailable while " + what + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
