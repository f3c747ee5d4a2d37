package io.contexthub.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.canonical.Entity;
import io.contexthub.store.ContextDocument;
import io.contexthub.store.ContextDocumentKey;
import io.contexthub.store.ContextStore;
import io.contexthub.store.SearchHit;
import io.contexthub.store.SearchQuery;
import io.contexthub.store.StoredEmbedding;
import io.contexthub.store.UpsertResult;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The production context store: one OpenSearch index per entity type with a k-NN field (Lucene HNSW, cosine)
 * and a BM25 text field analysed exactly like the embedded store. Writes go in one bulk request with external
 * versions ({@code external_gte}), so an older version never replaces a newer one and a redelivery of the same
 * version is harmless. Writes are durable when acknowledged (translog); they become searchable within the
 * index refresh interval, or at once with {@code hub.opensearch.refresh=true}. {@code wait_for} is not offered:
 * it was seen to return while a shard that had not been searched yet still hid the document. The parts:
 * {@link OpenSearchIndices} (bootstrap), {@link OpenSearchDocuments} (the stored shape), {@link OpenSearchBulkWriter}
 * and {@link OpenSearchHybridSearch}; every call goes through {@link OpenSearchRest}.
 */
public class OpenSearchContextStore implements ContextStore, AutoCloseable {

    private final OpenSearchRest rest;
    private final ObjectMapper mapper;
    private final OpenSearchIndices indices;
    private final OpenSearchBulkWriter writer;
    private final OpenSearchHybridSearch search;
    private final String refresh;

    public OpenSearchContextStore(OpenSearchProperties properties, ObjectMapper mapper) {
        this.mapper = mapper;
        this.refresh = properties.refresh();
        this.rest = new OpenSearchRest(properties, mapper);
        this.indices = new OpenSearchIndices(rest, mapper, properties.indexPrefix());
        indices.ensure(properties.replicas());
        this.writer = new OpenSearchBulkWriter(rest, indices, new OpenSearchDocuments(mapper), mapper, refresh);
        this.search = new OpenSearchHybridSearch(rest, indices, mapper);
    }

    @Override
    public UpsertResult upsert(List<ContextDocument> documents) {
        return writer.upsert(documents);
    }

    @Override
    public List<SearchHit> search(SearchQuery query) {
        return search.search(query);
    }

    @Override
    public Optional<ContextDocument> get(String type, String id) {
        if (type == null || !Entity.known(type)) {
            return Optional.empty();
        }
        return rest.get("/" + index(type) + "/_doc/" + URLEncoder.encode(id, StandardCharsets.UTF_8))
                .map(body -> OpenSearchDocuments.fromSource(body.path("_source")));
    }

    @Override
    public Map<String, StoredEmbedding> embeddings(Collection<ContextDocumentKey> keys) {
        Map<String, StoredEmbedding> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        ObjectNode body = mapper.createObjectNode();
        ArrayNode docs = body.putArray("docs");
        for (ContextDocumentKey key : keys) {
            docs.addObject().put("_index", index(key.type())).put("_id", key.id())
                    .putArray("_source").add("contentHash").add("vector");
        }
        for (JsonNode doc : rest.send("POST", "/_mget", body).path("docs")) {
            JsonNode source = doc.path("_source");
            if (doc.path("found").asBoolean(false) && source.path("vector").isArray()) {
                JsonNode vector = source.path("vector");
                float[] values = new float[vector.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) vector.get(i).asDouble();
                }
                found.put(doc.path("_id").asText(), new StoredEmbedding(source.path("contentHash").asText(null),
                        values));
            }
        }
        return found;
    }

    @Override
    public boolean delete(String type, String id) {
        if (type == null || !Entity.known(type)) {
            return false;
        }
        return rest.send("DELETE", "/" + index(type) + "/_doc/" + URLEncoder.encode(id, StandardCharsets.UTF_8)
                + "?refresh=" + refresh, null, 404).status() != 404;
    }

    @Override
    public long count(String type) {
        return rest.send("GET", "/" + indices.indices(type) + "/_count?ignore_unavailable=true", null).path("count").asLong();
    }

    @Override
    public void close() throws IOException {
        rest.close();
    }

    String index(String entity) {
        return indices.index(entity);
    }


}
