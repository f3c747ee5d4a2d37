package io.contexthub.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.access.ApiKey;
import io.contexthub.access.KeyStorage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The API keys in {@code <prefix>-access-keys}, one document per key, shared by every instance. A key is read by a
 * realtime get (sees every acknowledged write, so a key made through another instance works at once); the list
 * refreshes the index first and pages through it in id order.
 */
public class OpenSearchKeyStorage implements KeyStorage, AutoCloseable {

    private static final int PAGE = 1000;

    private final OpenSearchRest rest;
    private final ObjectMapper mapper;
    private final String index;

    public OpenSearchKeyStorage(OpenSearchProperties properties, ObjectMapper mapper) {
        this.rest = new OpenSearchRest(properties, mapper);
        this.mapper = mapper;
        this.index = properties.indexPrefix() + "-access-keys";
        rest.ensureRecordIndex(index, properties.replicas(), Map.of("id", "keyword"));
    }

    @Override
    public List<ApiKey> all() {
        rest.send("POST", "/" + index + "/_refresh", null);
        List<ApiKey> keys = new ArrayList<>();
        JsonNode after = null;
        while (true) {
            ObjectNode query = mapper.createObjectNode().put("size", PAGE);
            query.putArray("sort").addObject().put("id", "asc");
            if (after != null) {
                query.set("search_after", after);
            }
            JsonNode hits = rest.send("POST", "/" + index + "/_search", query).path("hits").path("hits");
            for (JsonNode hit : hits) {
                keys.add(read(hit.path("_source").path("key")));
            }
            if (hits.size() < PAGE) {
                return keys;
            }
            after = hits.get(hits.size() - 1).path("sort");
        }
    }

    @Override
    public Optional<ApiKey> get(String id) {
        if (!id.matches("[0-9a-f]{1,64}")) {
            return Optional.empty();
        }
        return rest.get("/" + index + "/_doc/" + id).filter(doc -> doc.path("found").asBoolean())
                .map(doc -> read(doc.path("_source").path("key")));
    }

    @Override
    public void put(ApiKey key) {
        ObjectNode source = mapper.createObjectNode().put("id", key.id());
        source.set("key", mapper.valueToTree(key));
        rest.send("PUT", "/" + index + "/_doc/" + key.id(), source);
    }

    @Override
    public boolean shared() {
        return true;
    }

    private ApiKey read(JsonNode node) {
        try {
            return mapper.treeToValue(node, ApiKey.class);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable API key in " + index + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        rest.close();
    }
}
