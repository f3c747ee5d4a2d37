package io.contexthub.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.store.ContextDocument;
import io.contexthub.store.FilterFields;
import io.contexthub.store.Tombstone;
import java.io.IOException;


/**
 * How a document is kept in OpenSearch: the canonical JSON under {@code document}, beside it the fields both
 * stores search and filter on ({@link FilterFields}), the embedded text, its content hash and the vector.
 */
final class OpenSearchDocuments {

    private final ObjectMapper mapper;

    OpenSearchDocuments(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode source(ContextDocument document) {
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

    /** What a deletion leaves: enough for the version guard ({@code version}) and {@link Tombstone#fromJson}. */
    ObjectNode source(Tombstone tombstone) {
        ObjectNode source = mapper.createObjectNode();
        source.put("id", tombstone.id());
        source.put("type", tombstone.type());
        source.put("version", tombstone.version());
        source.put("tombstone", true);
        source.set("document", parse(tombstone.json()));
        return source;
    }

    static boolean isTombstone(JsonNode source) {
        return source.path("tombstone").asBoolean(false);
    }

    /** A filter clause that leaves tombstones out. */
    static ObjectNode notTombstone(ObjectMapper mapper) {
        ObjectNode clause = mapper.createObjectNode();
        clause.putObject("bool").putObject("must_not").putObject("term").put("tombstone", true);
        return clause;
    }

    static ContextDocument fromSource(JsonNode source) {
        return new ContextDocument(source.path("id").asText(), source.path("type").asText(),
                source.path("source").asText(), source.path("version").asLong(),
                source.path("document").toString(), source.path("text").asText(null), null,
                source.path("contentHash").asText(null));
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

    private JsonNode parse(String json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("document is not JSON", e);
        }
    }
}
