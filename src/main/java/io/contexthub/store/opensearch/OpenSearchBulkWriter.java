package io.contexthub.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.platform.HttpOutcome;
import io.contexthub.platform.TransientFailureException;
import io.contexthub.store.ContextDocument;
import io.contexthub.store.Tombstone;
import io.contexthub.store.UpsertResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;


/**
 * Writes documents in one bulk request with external versions ({@code external_gte}): an older version never
 * replaces a newer one (409, reported stale) and a redelivery of the same version is harmless. Each item is
 * classified once: written, stale, transient (the whole batch is retried) or refused (that envelope is
 * dead-lettered with OpenSearch's reason).
 */
final class OpenSearchBulkWriter {

    private final OpenSearchRest rest;
    private final OpenSearchIndices indices;
    private final OpenSearchDocuments documents;
    private final ObjectMapper mapper;
    private final String refresh;

    OpenSearchBulkWriter(OpenSearchRest rest, OpenSearchIndices indices, OpenSearchDocuments documents,
                         ObjectMapper mapper, String refresh) {
        this.rest = rest;
        this.indices = indices;
        this.documents = documents;
        this.mapper = mapper;
        this.refresh = refresh;
    }

    UpsertResult upsert(List<ContextDocument> incoming) {
        if (incoming.isEmpty()) {
            return UpsertResult.EMPTY;
        }
        List<String> stale = new ArrayList<>();
        Map<String, Tombstone> tombstones = tombstones(incoming);
        List<ContextDocument> batch = new ArrayList<>();
        for (ContextDocument document : incoming) {
            Tombstone tombstone = tombstones.get(document.id());
            if (tombstone != null && !tombstone.replacedBy(document)) {
                stale.add(document.id());
            } else {
                batch.add(document);
            }
        }
        if (batch.isEmpty()) {
            return new UpsertResult(List.of(), stale, Map.of());
        }
        StringBuilder bulk = new StringBuilder();
        for (ContextDocument document : batch) {
            ObjectNode action = mapper.createObjectNode();
            action.putObject("index")
                    .put("_index", indices.index(document.type()))
                    .put("_id", document.id())
                    .put("version", document.version())
                    .put("version_type", "external_gte");
            bulk.append(action).append('\n').append(documents.source(document)).append('\n');
        }
        JsonNode response = rest.bulk("/_bulk?refresh=" + refresh, bulk.toString());
        List<String> written = new ArrayList<>();
        List<String> transientErrors = new ArrayList<>();
        Map<String, String> rejected = new LinkedHashMap<>();
        JsonNode items = response.path("items");
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i).path("index");
            String id = batch.get(i).id();
            int status = item.path("status").asInt();
            if (HttpOutcome.of(status) == HttpOutcome.SUCCESS) {
                written.add(id);
            } else if (status == 409) {
                // external_gte: the stored version is newer
                stale.add(id);
            } else if (HttpOutcome.of(status) == HttpOutcome.TRANSIENT) {
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

    /**
     * The tombstones among the batch's ids, read in one {@code _mget} before the bulk write: external versions
     * keep older copies out by themselves, but not a newer copy of exactly what was deleted ({@link Tombstone}).
     */
    private Map<String, Tombstone> tombstones(List<ContextDocument> batch) {
        ObjectNode body = mapper.createObjectNode();
        ArrayNode docs = body.putArray("docs");
        for (ContextDocument document : batch) {
            docs.addObject().put("_index", indices.index(document.type())).put("_id", document.id())
                    .putArray("_source").add("tombstone").add("document");
        }
        Map<String, Tombstone> found = new HashMap<>();
        for (JsonNode doc : rest.send("POST", "/_mget", body).path("docs")) {
            JsonNode source = doc.path("_source");
            if (doc.path("found").asBoolean(false) && OpenSearchDocuments.isTombstone(source)) {
                found.put(doc.path("_id").asText(), Tombstone.fromJson(source.path("document").toString()));
            }
        }
        return found;
    }
}
