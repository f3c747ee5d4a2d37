package io.contexthub.subject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.store.opensearch.OpenSearchProperties;
import io.contexthub.store.opensearch.OpenSearchRest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Erasure jobs in {@code <prefix>-erasures}, one document per job (every tenant's: a job names its tenant), shared by
 * every instance: whichever instance a request reaches answers for a job, and any instance can finish one. A job is
 * read by a realtime get; the unfinished ones by a search after a refresh.
 */
public class OpenSearchErasureStore implements ErasureStore, AutoCloseable {

    private static final int PAGE = 1000;

    private final OpenSearchRest rest;
    private final ObjectMapper mapper;
    private final String index;

    public OpenSearchErasureStore(OpenSearchProperties properties, ObjectMapper mapper) {
        this.rest = new OpenSearchRest(properties, mapper);
        this.mapper = mapper;
        this.index = properties.indexPrefix() + "-erasures";
        rest.ensureRecordIndex(index, properties.replicas(), Map.of("id", "keyword", "state", "keyword"));
    }

    @Override
    public void put(ErasureJob job) {
        ObjectNode source = mapper.createObjectNode().put("id", job.id()).put("state", job.state());
        source.set("job", mapper.valueToTree(job));
        rest.send("PUT", "/" + index + "/_doc/" + job.id(), source);
    }

    @Override
    public Optional<ErasureJob> get(String id) {
        if (!ErasureStore.validId(id)) {
            return Optional.empty();
        }
        return rest.get("/" + index + "/_doc/" + id).filter(doc -> doc.path("found").asBoolean())
                .map(doc -> read(doc.path("_source").path("job")));
    }

    @Override
    public List<ErasureJob> unfinished() {
        rest.send("POST", "/" + index + "/_refresh", null);
        ObjectNode query = mapper.createObjectNode().put("size", PAGE);
        query.putObject("query").putObject("term").put("state", ErasureJob.RUNNING);
        query.putArray("sort").addObject().put("id", "asc");
        List<ErasureJob> jobs = new ArrayList<>();
        for (JsonNode hit : rest.send("POST", "/" + index + "/_search", query).path("hits").path("hits")) {
            jobs.add(read(hit.path("_source").path("job")));
        }
        return jobs;
    }

    private ErasureJob read(JsonNode node) {
        try {
            return mapper.treeToValue(node, ErasureJob.class);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable erasure job in " + index + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        rest.close();
    }
}
