package io.contexthub.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.audit.AuditEntry;
import io.contexthub.audit.AuditStorage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The audit chain in {@code <prefix>-audit}, one document per entry whose id is its sequence number, shared by every
 * instance. An append is a create: the first instance to write a number wins it, the others get a conflict and
 * sign again after it. An entry keeps its JSON line as written (the bytes its MAC covers). Reads by number are
 * realtime gets; pages are searches after a refresh.
 */
public class OpenSearchAuditStorage implements AuditStorage, AutoCloseable {

    private final OpenSearchRest rest;
    private final ObjectMapper mapper;
    private final String index;

    public OpenSearchAuditStorage(OpenSearchProperties properties, ObjectMapper mapper) {
        this.rest = new OpenSearchRest(properties, mapper);
        this.mapper = mapper;
        this.index = properties.indexPrefix() + "-audit";
        // the line is kept in _source only: read back as written, never searched
        rest.ensureRecordIndex(index, properties.replicas(), Map.of("seq", "long"));
    }

    @Override
    public boolean append(AuditEntry entry) {
        ObjectNode source = mapper.createObjectNode().put("seq", entry.seq()).put("line", entry.line());
        return rest.send("PUT", "/" + index + "/_create/" + entry.seq(), source.toString(), 409).status() != 409;
    }

    @Override
    public Optional<AuditEntry> get(long seq) {
        return rest.get("/" + index + "/_doc/" + seq).filter(doc -> doc.path("found").asBoolean())
                .map(doc -> AuditEntry.parse(doc.path("_source").path("line").asText()));
    }

    @Override
    public Optional<AuditEntry> newest() {
        List<AuditEntry> newest = search(null, 1, "desc");
        return newest.isEmpty() ? Optional.empty() : Optional.of(newest.get(0));
    }

    @Override
    public List<AuditEntry> after(long seq, int limit) {
        return search(seq, limit, "asc");
    }

    private List<AuditEntry> search(Long after, int limit, String order) {
        rest.send("POST", "/" + index + "/_refresh", null);
        ObjectNode query = mapper.createObjectNode().put("size", limit);
        if (after != null) {
            query.putObject("query").putObject("range").putObject("seq").put("gt", after);
        }
        query.putArray("sort").addObject().put("seq", order);
        List<AuditEntry> entries = new ArrayList<>();
        for (JsonNode hit : rest.send("POST", "/" + index + "/_search", query).path("hits").path("hits")) {
            entries.add(AuditEntry.parse(hit.path("_source").path("line").asText()));
        }
        return entries;
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public void close() {
        rest.close();
    }
}
