package io.contexthub.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.store.Identifiers;
import io.contexthub.store.ListCursor;
import io.contexthub.store.ReciprocalRankFusion;
import io.contexthub.store.SearchFilters;
import io.contexthub.store.SearchHit;
import io.contexthub.store.SearchQuery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;


/**
 * Search on OpenSearch, the same ranking as the embedded store: documents carrying an identifier the query holds
 * first, then the k-NN and BM25 rankings fused with {@link ReciprocalRankFusion}; every filter inside each ranking
 * (the lucene engine applies it within the HNSW search). Without text, the filtered documents newest first.
 */
final class OpenSearchHybridSearch {

    static final int CANDIDATES_PER_HIT = 4;
    static final int MIN_CANDIDATES = 40;

    private final OpenSearchRest rest;
    private final OpenSearchIndices indices;
    private final ObjectMapper mapper;

    OpenSearchHybridSearch(OpenSearchRest rest, OpenSearchIndices indices, ObjectMapper mapper) {
        this.rest = rest;
        this.indices = indices;
        this.mapper = mapper;
    }

    List<SearchHit> search(SearchQuery query) {
        String indices = this.indices.indices(query.type());
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
        terms(clauses, "customerId", filters.customerIds());
        if (filters.scope() != null) {
            terms(clauses, "type", filters.scope().types());
            terms(clauses, "source", filters.scope().sources());
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
        clauses.add(OpenSearchDocuments.notTombstone(mapper));
        return clauses;
    }

    private static void terms(ArrayNode clauses, String field, Collection<String> values) {
        if (values != null) {
            ArrayNode any = clauses.addObject().putObject("terms").putArray(field);
            values.forEach(any::add);
        }
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
}
