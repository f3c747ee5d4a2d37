package io.contexthub.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.canonical.Entity;
import io.contexthub.platform.TransientFailureException;
import io.contexthub.store.ContextDocument;
import io.contexthub.store.ContextDocumentKey;
import io.contexthub.store.ContextStore;
import io.contexthub.store.SearchHit;
import io.contexthub.store.SearchQuery;
import io.contexthub.store.StoredEmbedding;
import io.contexthub.store.Tombstone;
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
    private final OpenSearchDocuments documents;
    private final OpenSearchBulkWriter writer;
    private final OpenSearchHybridSearch search;
    private final String refresh;

    public OpenSearchContextStore(OpenSearchProperties properties, ObjectMapper mapper) {
        this.mapper = mapper;
        this.refresh = properties.refresh();
        this.rest = new OpenSearchRest(properties, mapper);
        this.indices = new OpenSearchIndices(rest, mapper, properties.indexPrefix());
        indices.ensure(properties.replicas());
        this.documents = new OpenSearchDocuments(mapper);
        this.writer = new OpenSearchBulkWriter(rest, indices, documents, mapper, refresh);
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
        return stored(type, id).filter(source -> !OpenSearchDocuments.isTombstone(source))
                .map(OpenSearchDocuments::fromSource);
    }

    @Override
    public Optional<Tombstone> tombstone(String type, String id) {
        if (type == null || !Entity.known(type)) {
            return Optional.empty();
        }
        return stored(type, id).filter(OpenSearchDocuments::isTombstone)
                .map(source -> Tombstone.fromJson(source.path("document").toString()));
    }

    private Optional<JsonNode> stored(String type, String id) {
        return rest.get("/" + index(type) + "/_doc/" + URLEncoder.encode(id, StandardCharsets.UTF_8))
                .map(body -> body.path("_source"));
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

    /**
     * Replaces the live document with its tombstone, versioned one millisecond after it ({@code external_gte}), so
     * that a write of the same version is refused as stale. A newer version written between the read and the
     * replacement wins (409); the deletion is then tried on that one.
     */
    @Override
    public boolean delete(String type, String id, Tombstone.Deletion deletion) {
        if (type == null || !Entity.known(type)) {
            return false;
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<ContextDocument> live = get(type, id);
            if (live.isEmpty()) {
                return false;
            }
            Tombstone tombstone = Tombstone.of(live.get(), deletion);
            int status = rest.send("PUT", "/" + index(type) + "/_doc/" + URLEncoder.encode(id, StandardCharsets.UTF_8)
                    + "?version=" + tombstone.version() + "&version_type=external_gte&refresh=" + refresh,
                    documents.source(tombstone).toString(), 409).status();
            if (status != 409) {
                return true;
            }
        }
        throw new TransientFailureException("the document " + id + " kept changing while it was being deleted", null);
    }

    @Override
    public void refresh() {
        rest.send("POST", "/" + indices.indices(null) + "/_refresh?ignore_unavailable=true", (JsonNode) null);
    }

    /**
     * Deletions made visible, then segments rewritten without the deleted documents; OpenSearch's translog rolls
     * over on its own.
     */
    @Override
    public void expungeDeleted() {
        refresh();
        rest.send("POST", "/" + indices.indices(null) + "/_forcemerge?only_expunge_deletes=true", (JsonNode) null);
    }

    @Override
    public long count(String type) {
        ObjectNode body = mapper.createObjectNode();
        body.putObject("query").putObject("bool").putArray("filter").add(OpenSearchDocuments.notTombstone(mapper));
        return rest.send("POST", "/" + indices.indices(type) + "/_count?ignore_unavailable=true", body)
                .path("count").asLong();
    }

    @Override
    public void close() throws IOException {
        rest.close();
    }

    String index(String entity) {
        return indices.index(entity);
    }


}
