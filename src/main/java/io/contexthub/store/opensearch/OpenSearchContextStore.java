package io.contexthub.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.mapping.MappingRunner;
import io.contexthub.platform.TransientFailureException;
import io.contexthub.store.ContextDocument;
import io.contexthub.store.ContextDocumentKey;
import io.contexthub.store.ContextStore;
import io.contexthub.store.FilterFields;
import io.contexthub.store.Identifiers;
import io.contexthub.store.KeywordAnalysis;
import io.contexthub.store.ListCursor;
import io.contexthub.store.ReciprocalRankFusion;
import io.contexthub.store.SearchFilters;
import io.contexthub.store.SearchHit;
import io.contexthub.store.SearchQuery;
import io.contexthub.store.StoredEmbedding;
import io.contexthub.store.UpsertResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production context store: one OpenSearch index per entity type with a k-NN field (Lucene HNSW, cosine)
 * and a BM25 text field analysed exactly like the embedded store. Writes go in one bulk request with external
 * versions ({@code external_gte}), so an older version never replaces a newer one and a redelivery of the same
 * version is harmless. Writes are durable when acknowledged (translog); they become searchable within the
 * index refresh interval, or at once with {@code hub.opensearch.refresh=true}. {@code wait_for} is not offered:
 * it was seen to return while a shard that had not been searched yet still hid the document.
 */
public class OpenSearchContextStore implements ContextStore, AutoCloseable {

    static final String INDEX_TEMPLATE = "/opensearch/context-index.json";
    static final int CANDIDATES_PER_HIT = 4;
    static final int MIN_CANDIDATES = 40;
    private static final Logger log = LoggerFactory.getLogger(OpenSearchContextStore.class);

    private final OpenSearchRest rest;
    private final ObjectMapper mapper;
    private final String prefix;
    private final String refresh;

    public OpenSearchContextStore(OpenSearchProperties properties, ObjectMapper mapper) {
        this.mapper = mapper;
        this.prefix = properties.indexPrefix();
        this.refresh = properties.refresh();
        this.rest = new OpenSearchRest(properties, mapper);
        ensureIndices(properties.replicas());
    }

    /**
     * Creates each entity's index from {@code opensearch/context-index.json} unless it exists; an existing one gets
     * the fields added since it was created (mappings only grow; documents written before get them when they are
     * written again).
     */
    private void ensureIndices(int replicas) {
        ObjectNode template = indexTemplate(replicas);
        for (String entity : MappingRunner.ENTITIES) {
            String index = index(entity);
            if (rest.ensureIndex(index, template)) {
                log.info("created OpenSearch index {}", index);
            } else {
                rest.send("PUT", "/" + index + "/_mapping", template.path("mappings"));
            }
        }
    }

    private ObjectNode indexTemplate(int replicas) {
        try (InputStream in = OpenSearchContextStore.class.getResourceAsStream(INDEX_TEMPLATE)) {
            ObjectNode template = (ObjectNode) mapper.readTree(in);
            ((ObjectNode) template.path("settings").path("index")).put("number_of_replicas", replicas);
            ArrayNode stop = ((ObjectNode) template.path("settings").path("analysis").path("filter")
                    .path("hub_stop")).putArray("stopwords");
            KeywordAnalysis.stopWords().stream().map(w -> new String((char[]) w)).sorted().forEach(stop::add);
            return template;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + INDEX_TEMPLATE, e);
        }
    }

    @Override
    public UpsertResult upsert(List<ContextDocument> documents) {
        if (documents.isEmpty()) {
            return UpsertResult.EMPTY;
        }
        StringBuilder bulk = new StringBuilder();
        for (ContextDocument document : documents) {
            ObjectNode action = mapper.createObjectNode();
            action.putObject("index")
                    .put("_index", index(document.type()))
                    .put("_id", document.id())
                    .put("version", document.version())
                    .put("version_type", "external_gte");
            bulk.append(action).append('\n').append(source(document)).append('\n');
        }
        JsonNode response = rest.bulk("/_bulk?refresh=" + refresh, bulk.toString());
        List<String> written = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        List<String> transientErrors = new ArrayList<>();
        Map<String, String> rejected = new LinkedHashMap<>();
        JsonNode items = response.path("items");
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i).path("index");
            String id = documents.get(i).id();
            int status = item.path("status").asInt();
            if (status >= 200 && status < 300) {
                written.add(id);
            } else if (status == 409) {
                stale.add(id);
            } else if (status == 429 || status >= 500) {
                transientErrors.add(id + ": " + status + " " + item.path("error").path("type").asText());
            } else {
                rejected.put(id, status + " " + item.path("error").path("type").asText() + ": "
                        + item.path("error").path("reason").asText());
            }
        }
        // Transient first: the whole batch is retried, which external_gte makes harmless for what was written.
        if (!transientErrors.isEmpty()) {
            throw new TransientFailureException("OpenSearch refused part of a bulk write: " + transientErrors,
                    new IOException(String.join("; ", transientErrors)));
        }
        return new UpsertResult(written, stale, rejected);
    }

    private ObjectNode source(ContextDocument document) {
        ObjectNode source = mapper.createObjectNode();
        source.put("id", document.id());
        source.put("type", document.type());
        source.put("source", document.source());
        source.put("version", document.version());
        source.put("text", document.text());
        source.put("contentHash", document.contentHash());
        JsonNode json = parse(document.json());
        source.set("document", json);
        copyIfPresent(json, source, "updatedAt");
        copyIfPresent(json, source, "occurredAt");
        FilterFields fields = FilterFields.of(document);
        putIfPresent(source, "customerId", fields.customerId());
        putIfPresent(source, "eventType", fields.eventType());
        putIfPresent(source, "status", fields.status());
        source.put("time", fields.time());
        source.put("deleted", fields.deleted());
        ArrayNode identifiers = source.putArray("identifiers");
        fields.identifiers().forEach(identifiers::add);
        ArrayNode vector = source.putArray("vector");
        for (float v : document.vector()) {
            vector.add(v);
        }
        return source;
    }

    private static void putIfPresent(ObjectNode to, String field, String value) {
        if (value != null) {
            to.put(field, value);
        }
    }

    private static void copyIfPresent(JsonNode from, ObjectNode to, String field) {
        if (from.hasNonNull(field)) {
            to.set(field, from.get(field));
        }
    }

    @Override
    public Optional<ContextDocument> get(String type, String id) {
        if (type == null || !MappingRunner.ENTITIES.contains(type)) {
            return Optional.empty();
        }
        return rest.get("/" + index(type) + "/_doc/" + URLEncoder.encode(id, StandardCharsets.UTF_8))
                .map(body -> fromSource(body.path("_source")));
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
        if (type == null || !MappingRunner.ENTITIES.contains(type)) {
            return false;
        }
        return rest.send("DELETE", "/" + index(type) + "/_doc/" + URLEncoder.encode(id, StandardCharsets.UTF_8)
                + "?refresh=" + refresh, null, 404).status() != 404;
    }

    @Override
    public List<SearchHit> search(SearchQuery query) {
        String indices = indices(query.type());
        ArrayNode filter = filter(query);
        if (query.listing()) {
            return list(query, indices, filter);
        }
        int candidates = Math.max(MIN_CANDIDATES, query.k() * CANDIDATES_PER_HIT);
        Map<String, JsonNode> sources = new HashMap<>();
        List<String> exact = List.of();
        Set<String> identifiers = Identifiers.inQuery(query.text());
        if (!identifiers.isEmpty()) {
            ObjectNode body = mapper.createObjectNode().put("size", query.k());
            ObjectNode bool = body.putObject("query").putObject("bool");
            identifiers.forEach(id -> bool.withArray("should").addObject().putObject("term").put("identifiers", id));
            bool.put("minimum_should_match", 1);
            bool.set("filter", filter.deepCopy());
            exact = ranking(indices, body, sources);
        }
        List<List<String>> rankings = new ArrayList<>();
        if (query.vector() != null) {
            ObjectNode body = mapper.createObjectNode().put("size", candidates);
            ObjectNode knn = body.putObject("query").putObject("knn").putObject("vector");
            ArrayNode vector = knn.putArray("vector");
            for (float v : query.vector()) {
                vector.add(v);
            }
            knn.put("k", candidates);
            // the lucene engine applies this inside the HNSW search (efficient filtering), not to its top k
            knn.putObject("filter").putObject("bool").set("filter", filter.deepCopy());
            rankings.add(ranking(indices, body, sources));
        }
        if (query.text() != null && !query.text().isBlank()) {
            ObjectNode body = mapper.createObjectNode().put("size", candidates);
            ObjectNode bool = body.putObject("query").putObject("bool");
            bool.putObject("must").putObject("match").put("text", query.text());
            bool.set("filter", filter.deepCopy());
            rankings.add(ranking(indices, body, sources));
        }
        return ReciprocalRankFusion.fuseExactFirst(exact, rankings, query.k()).stream()
                .map(f -> {
                    JsonNode source = sources.get(f.id());
                    return new SearchHit(f.id(), source.path("type").asText(), f.score(),
                            source.path("document").toString());
                })
                .toList();
    }

    /** The documents that pass the filters, newest first, {@code k} after the cursor. */
    private List<SearchHit> list(SearchQuery query, String indices, ArrayNode filter) {
        ObjectNode body = mapper.createObjectNode().put("size", query.k());
        body.putObject("query").putObject("bool").set("filter", filter);
        ArrayNode sort = body.putArray("sort");
        sort.addObject().putObject("time").put("order", "desc").put("missing", "_last");
        sort.addObject().putObject("id").put("order", "desc");
        if (query.after() != null) {
            ListCursor after = ListCursor.decode(query.after());
            body.putArray("search_after").add(after.time()).add(after.id());
        }
        body.putArray("_source").add("id").add("type").add("document").add("time");
        JsonNode response = rest.send("POST", "/" + indices + "/_search?ignore_unavailable=true", body);
        List<SearchHit> hits = new ArrayList<>();
        for (JsonNode hit : response.path("hits").path("hits")) {
            JsonNode source = hit.path("_source");
            String id = source.path("id").asText();
            hits.add(new SearchHit(id, source.path("type").asText(), 0, source.path("document").toString(),
                    new ListCursor(hit.path("sort").path(0).asLong(), id).encode()));
        }
        return hits;
    }

    /** Every condition of the query as bool filter clauses, applied inside each ranking (pre-filtering). */
    private ArrayNode filter(SearchQuery query) {
        SearchFilters filters = query.filters();
        ArrayNode clauses = mapper.createArrayNode();
        term(clauses, "type", query.type());
        term(clauses, "source", filters.source());
        term(clauses, "eventType", filters.eventType());
        term(clauses, "status", filters.status());
        term(clauses, "identifiers", filters.identifier());
        if (filters.customerIds() != null) {
            ArrayNode ids = clauses.addObject().putObject("terms").putArray("customerId");
            filters.customerIds().forEach(ids::add);
        }
        if (filters.from() != null || filters.to() != null) {
            ObjectNode range = clauses.addObject().putObject("range").putObject("time");
            if (filters.from() != null) {
                range.put("gte", filters.from().toEpochMilli());
            }
            if (filters.to() != null) {
                range.put("lt", filters.to().toEpochMilli());
            }
        }
        if (!filters.includeDeleted()) {
            clauses.addObject().putObject("bool").putObject("must_not").putObject("term").put("deleted", true);
        }
        return clauses;
    }

    private static void term(ArrayNode clauses, String field, String value) {
        if (value != null) {
            clauses.addObject().putObject("term").put(field, value);
        }
    }

    private List<String> ranking(String indices, ObjectNode body, Map<String, JsonNode> sources) {
        body.putArray("_source").add("id").add("type").add("document");
        JsonNode response = rest.send("POST", "/" + indices + "/_search?ignore_unavailable=true", body);
        List<String> ids = new ArrayList<>();
        for (JsonNode hit : response.path("hits").path("hits")) {
            String id = hit.path("_source").path("id").asText();
            ids.add(id);
            sources.putIfAbsent(id, hit.path("_source"));
        }
        return ids;
    }

    @Override
    public long count(String type) {
        return rest.send("GET", "/" + indices(type) + "/_count?ignore_unavailable=true", null).path("count").asLong();
    }

    @Override
    public void close() throws IOException {
        rest.close();
    }

    private ContextDocument fromSource(JsonNode source) {
        return new ContextDocument(source.path("id").asText(), source.path("type").asText(),
                source.path("source").asText(), source.path("version").asLong(),
                source.path("document").toString(), source.path("text").asText(null), null,
                source.path("contentHash").asText(null));
    }

    String index(String entity) {
        return prefix + "-" + entity;
    }

    private String indices(String type) {
        if (type != null) {
            return index(type);
        }
        return MappingRunner.ENTITIES.stream().sorted().map(this::index).collect(Collectors.joining(","));
    }

    private JsonNode parse(String json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("document is not JSON", e);
        }
    }
}
