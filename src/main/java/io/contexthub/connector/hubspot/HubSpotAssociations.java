package io.contexthub.connector.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.sync.SyncPage;
import io.contexthub.sync.SyncRecord;
import io.contexthub.sync.SyncRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Records whose meaning depends on what they are associated with (a note is about a contact, a company, a deal).
 * HubSpot's search returns neither associations nor, once the ids are known, a way to ask for them inline; so a
 * search page of ids is followed by one v4 batch read per associated type ({@code POST /crm/v4/associations/
 * <type>/<to>/batch/read}) and then a batch read of the records themselves ({@code POST /crm/v3/objects/<type>/
 * batch/read}), and only those are staged, each with an {@code associations} object in the list endpoint's shape
 * ({@code {"contacts": {"results": [{"id": "60311"}]}}}). The ids and the associations found so far travel in the
 * calls' context, which the checkpoint keeps, so a run resumed half-way finishes the chain it was in.
 */
final class HubSpotAssociations {

    static final String ASSOCIATIONS = "associations";
    static final String READ = "read";
    static final int BATCH_LIMIT = 100;
    static final int HISTORY_BATCH_LIMIT = 50;
    private static final String IDS = "ids";
    private static final String REMAINING = "remaining";
    private static final String FOUND = "found.";

    private final String type;
    private final List<String> toTypes;
    private final List<String> properties;
    private final List<String> history;
    private final String baseUrl;
    private final ObjectMapper mapper;

    /**
     * @param history properties whose history the batch read asks for ({@code propertiesWithHistory}), e.g. a
     *                deal's stage
     */
    HubSpotAssociations(String type, List<String> toTypes, List<String> properties, List<String> history,
                        String baseUrl, ObjectMapper mapper) {
        this.type = type;
        this.toTypes = List.copyOf(toTypes);
        this.properties = List.copyOf(properties);
        this.history = List.copyOf(history);
        this.baseUrl = baseUrl;
        this.mapper = mapper;
    }

    boolean any() {
        return !toTypes.isEmpty();
    }

    boolean handles(SyncRequest request) {
        return ASSOCIATIONS.equals(request.kind()) || READ.equals(request.kind());
    }

    /**
     * The first calls of the chains for the ids of one search page: one chain per {@link #batchSize()} ids, the
     * most a batch read takes.
     */
    List<SyncRequest> first(List<String> ids) {
        List<SyncRequest> chains = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += batchSize()) {
            chains.add(chain(ids.subList(from, Math.min(ids.size(), from + batchSize()))));
        }
        return chains;
    }

    /** HubSpot's batch reads take 100 inputs; with property history, pages are smaller (Airbyte reads 50). */
    int batchSize() {
        return history.isEmpty() ? BATCH_LIMIT : HISTORY_BATCH_LIMIT;
    }

    private SyncRequest chain(List<String> ids) {
        Map<String, String> context = new HashMap<>();
        context.put(IDS, String.join(",", ids));
        context.put(REMAINING, String.join(",", toTypes));
        return next(context);
    }

    SyncPage page(SyncRequest request, JsonNode body, ToLongFunction<JsonNode> modified) {
        if (READ.equals(request.kind())) {
            return new SyncPage(records(request.context(), body, modified), List.of(), null, null);
        }
        Map<String, String> context = new HashMap<>(request.context());
        List<String> found = new ArrayList<>();
        for (JsonNode result : body.path("results")) {
            List<String> to = new ArrayList<>();
            // the spec types toObjectId as a string, the docs' examples as a number: both read the same
            result.path("to").forEach(target -> to.add(target.path("toObjectId").asText()));
            found.add(result.path("from").path("id").asText() + ":" + String.join("|", to));
        }
        context.put(FOUND + request.context().get("to"), String.join(";", found));
        return new SyncPage(List.of(), List.of(next(context)), null, null);
    }

    /** The association read for the next type still to do, or the records' batch read once none is left. */
    private SyncRequest next(Map<String, String> context) {
        List<String> remaining = new ArrayList<>(Arrays.asList(context.getOrDefault(REMAINING, "").split(",")));
        remaining.removeIf(String::isBlank);
        ObjectNode body = mapper.createObjectNode();
        ArrayNode inputs = body.putArray("inputs");
        Arrays.stream(context.get(IDS).split(",")).forEach(id -> inputs.addObject().put("id", id));
        Map<String, String> carried = new HashMap<>(context);
        if (remaining.isEmpty()) {
            ArrayNode wanted = body.putArray("properties");
            properties.forEach(wanted::add);
            if (!history.isEmpty()) {
                ArrayNode withHistory = body.putArray("propertiesWithHistory");
                history.forEach(withHistory::add);
            }
            carried.remove(REMAINING);
            return new SyncRequest(READ, baseUrl + "/crm/v3/objects/" + type + "/batch/read", carried, "POST",
                    body.toString());
        }
        String to = remaining.remove(0);
        carried.put(REMAINING, String.join(",", remaining));
        carried.put("to", to);
        return new SyncRequest(ASSOCIATIONS, baseUrl + "/crm/v4/associations/" + type + "/" + to + "/batch/read",
                carried, "POST", body.toString());
    }

    private List<SyncRecord> records(Map<String, String> context, JsonNode body, ToLongFunction<JsonNode> modified) {
        Map<String, Map<String, List<String>>> byRecord = new HashMap<>();
        for (String to : toTypes) {
            for (String entry : context.getOrDefault(FOUND + to, "").split(";")) {
                int colon = entry.indexOf(':');
                if (colon > 0 && colon < entry.length() - 1) {
                    byRecord.computeIfAbsent(entry.substring(0, colon), id -> new LinkedHashMap<>())
                            .put(to, Arrays.asList(entry.substring(colon + 1).split("\\|")));
                }
            }
        }
        List<SyncRecord> records = new ArrayList<>();
        for (JsonNode result : body.path("results")) {
            ObjectNode record = result.deepCopy();
            ObjectNode associations = record.putObject("associations");
            byRecord.getOrDefault(record.path("id").asText(), Map.of()).forEach((to, ids) -> {
                ArrayNode results = associations.putObject(to).putArray("results");
                ids.stream().distinct().forEach(id -> results.addObject().put("id", id));
            });
            records.add(new SyncRecord(type + ":" + record.path("id").asText() + ":" + modified.applyAsLong(record),
                    type, record));
        }
        return records;
    }
}
