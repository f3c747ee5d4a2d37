package io.contexthub.store.opensearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.canonical.Entity;
import io.contexthub.store.KeywordAnalysis;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * The context store's indices: one per entity, {@code <prefix>-<entity>}, created from
 * {@code opensearch/context-index.json} (k-NN vector field, BM25 text analysed like the embedded store, filter
 * fields) with the hub's stop words.
 */
final class OpenSearchIndices {

    static final String INDEX_TEMPLATE = "/opensearch/context-index.json";
    private static final Logger log = LoggerFactory.getLogger(OpenSearchIndices.class);

    private final OpenSearchRest rest;
    private final ObjectMapper mapper;
    private final String prefix;

    OpenSearchIndices(OpenSearchRest rest, ObjectMapper mapper, String prefix) {
        this.rest = rest;
        this.mapper = mapper;
        this.prefix = prefix;
    }

    /**
     * Creates each entity's index from {@code opensearch/context-index.json} unless it exists; an existing one gets
     * the fields added since it was created (mappings only grow; documents written before get them when they are
     * written again).
     */
    void ensure(int replicas) {
        ObjectNode template = indexTemplate(replicas);
        for (String entity : Entity.names()) {
            String index = index(entity);
            if (rest.ensureIndex(index, template)) {
                log.info("created OpenSearch index {}", index);
            } else {
                rest.send("PUT", "/" + index + "/_mapping", template.path("mappings"));
            }
        }
    }

    private ObjectNode indexTemplate(int replicas) {
        try (InputStream in = OpenSearchIndices.class.getResourceAsStream(INDEX_TEMPLATE)) {
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

    String index(String entity) {
        return prefix + "-" + entity;
    }

    /** One entity's index, or all of them (comma-separated) when {@code type} is null. */
    String indices(String type) {
        if (type != null) {
            return index(type);
        }
        return Entity.names().stream().map(this::index).collect(Collectors.joining(","));
    }
}
