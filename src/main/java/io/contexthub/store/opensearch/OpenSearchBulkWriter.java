package io.contexthub.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.platform.HttpOutcome;
import io.contexthub.platform.TransientFailureException;
import io.contexthub.store.ContextDocument;
import io.contexthub.store.UpsertResult;
import java.io.IOException;
import java.util.ArrayList;
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

    UpsertResult upsert(List<ContextDocument> batch) {
        if (batch.isEmpty()) {
            return UpsertResult.EMPTY;
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
        List<String> stale = new ArrayList<>();
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
}
