package io.contexthub.connector.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.platform.PermanentFailureException;
import io.contexthub.sync.SyncPage;
import io.contexthub.sync.SyncRecord;
import io.contexthub.sync.SyncRequest;
import io.contexthub.sync.SyncStream;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One CRM object type, incrementally, through {@code POST /crm/v3/objects/<type>/search}: records whose
 * last-modified property lies between the cursor (less {@code search-overlap}) and the run's start, oldest first,
 * page by page with {@code after}. HubSpot answers 400 past the 10,000th result of one query, so before that a new
 * query starts at the newest time seen; when more than 10,000 records share one millisecond (a bulk edit), that
 * millisecond is read by object id ({@code hs_object_id > last id}) and the run then goes on after it. The cursor
 * is the newest modification time seen, in epoch milliseconds.
 */
public class HubSpotSearchStream extends HubSpotStream {

    /** HubSpot answers 400 for a page whose offset reaches this. */
    static final int RESULT_CAP = 10_000;
    static final String SEARCH = "search";
    static final String OBJECT_ID = "hs_object_id";

    private final String modifiedProperty;
    private final Set<String> properties;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final String envelopeStream;
    private final HubSpotAssociations associations;

    /**
     * @param name             the stream, also the object type in the API's paths (contacts, companies)
     * @param modifiedProperty the property that changes with every edit (contacts: lastmodifieddate, others:
     *                         hs_lastmodifieddate)
     * @param properties       what the mappings read; {@code extra-properties.<name>} adds to them
     */
    public HubSpotSearchStream(String name, String modifiedProperty, List<String> properties,
                               HubSpotSyncProperties settings, HubSpotApi api, Clock clock, ObjectMapper mapper) {
        this(name, modifiedProperty, properties, List.of(), name, settings, api, clock, mapper);
    }

    /**
     * A stream whose records are staged with what they are associated with ({@link HubSpotAssociations}).
     *
     * @param associatedWith the object types to read associations to (contacts, companies, deals)
     * @param envelopeStream the stream the records are staged as, which picks their mappings (several engagement
     *                       types share one)
     */
    public HubSpotSearchStream(String name, String modifiedProperty, List<String> properties,
                               List<String> associatedWith, String envelopeStream, HubSpotSyncProperties settings,
                               HubSpotApi api, Clock clock, ObjectMapper mapper) {
        this(name, modifiedProperty, properties, associatedWith, List.of(), envelopeStream, settings, api, clock,
                mapper);
    }

    /**
     * A stream whose records are staged with what they are associated with and the history of some properties.
     *
     * @param history properties whose every past value the batch read returns ({@code propertiesWithHistory})
     */
    protected HubSpotSearchStream(String name, String modifiedProperty, List<String> properties,
                                  List<String> associatedWith, List<String> history, String envelopeStream,
                                  HubSpotSyncProperties settings, HubSpotApi api, Clock clock, ObjectMapper mapper) {
        super(name, settings, api);
        this.envelopeStream = envelopeStream;
        this.modifiedProperty = modifiedProperty;
        this.properties = new LinkedHashSet<>(properties);
        this.properties.add(modifiedProperty);
        this.properties.add(OBJECT_ID);
        this.properties.addAll(settings.extraProperties().getOrDefault(name, List.of()));
        this.clock = clock;
        this.mapper = mapper;
        this.associations = new HubSpotAssociations(name, associatedWith, List.copyOf(this.properties), history,
                baseUrl(), mapper);
    }

    @Override
    public String envelopeStream() {
        return envelopeStream;
    }

    @Override
    public List<SyncRequest> first(Optional<String> cursor) {
        long from = cursor.map(Long::parseLong).map(ms -> Math.max(0, ms - settings.searchOverlap().toMillis()))
                .orElse(0L);
        return List.of(query(new Window(from, clock.millis(), null), 0, true));
    }

    @Override
    public SyncPage page(SyncRequest request, JsonNode body) {
        if (associations.handles(request)) {
            return associations.page(request, body, this::modifiedMillis);
        }
        JsonNode results = body.path("results");
        if (!results.isArray()) {
            throw new PermanentFailureException("HubSpot's answer to the " + name + " search has no results array");
        }
        List<SyncRecord> records = new ArrayList<>();
        String newest = null;
        long lastModified = -1;
        String lastId = null;
        for (JsonNode result : results) {
            String id = result.path("id").asText("");
            id = id.isEmpty() ? "?" : id;
            long modified = modifiedMillis(result);
            records.add(new SyncRecord(name + ":" + id + ":" + modified, name, result));
            newest = later(newest, Long.toString(modified));
            lastModified = modified;
            lastId = id;
        }
        Window window = Window.of(request.context());
        List<SyncRequest> next = new ArrayList<>();
        String after = body.path("paging").path("next").path("after").asText(null);
        if (after != null) {
            long offset = parseOffset(after);
            if (offset + settings.pageSize() <= RESULT_CAP) {
                next.add(query(window, offset, false));
            } else if (window.idAbove() != null) {
                next.add(query(new Window(window.from(), window.to(), lastId), 0, false));
            } else if (lastModified > window.from()) {
                next.add(query(new Window(lastModified, window.to(), null), 0, false));
            } else {
                // 10,000 results in one millisecond (a bulk edit), in no particular order: read all of it by id
                next.add(query(new Window(lastModified, window.to(), "0"), 0, false));
            }
        } else if (window.idAbove() != null && window.from() < window.to()) {
            next.add(query(new Window(window.from() + 1, window.to(), null), 0, false));
        }
        Long total = "true".equals(request.context().get("first")) ? body.path("total").asLong() : null;
        if (associations.any() && !records.isEmpty()) {
            // staged once their associations are known, before the next search page
            next.addAll(0, associations.first(records.stream().map(r -> r.payload().path("id").asText()).toList()));
            records = List.of();
        }
        return new SyncPage(records, next, newest, total);
    }

    /** Epoch milliseconds, compared as numbers. */
    @Override
    public String later(String a, String b) {
        return SyncStream.laterNumber(a, b);
    }

    /**
     * One search: {@code from <= modified <= to}, oldest first; in id mode ({@code idAbove}) only the
     * millisecond {@code from}, by object id.
     */
    SyncRequest query(Window window, long offset, boolean first) {
        ObjectNode body = mapper.createObjectNode();
        ArrayNode filters = body.putArray("filterGroups").addObject().putArray("filters");
        boolean byId = window.idAbove() != null;
        filter(filters, modifiedProperty, "GTE", window.from());
        filter(filters, modifiedProperty, "LTE", byId ? window.from() : window.to());
        if (byId) {
            filters.addObject().put("propertyName", OBJECT_ID).put("operator", "GT").put("value", window.idAbove());
        }
        body.putArray("sorts").addObject().put("propertyName", byId ? OBJECT_ID : modifiedProperty)
                .put("direction", "ASCENDING");
        ArrayNode wanted = body.putArray("properties");
        // with associations, the search only finds ids: the batch read after it fetches the properties
        (associations.any() ? List.of(modifiedProperty, OBJECT_ID) : properties).forEach(wanted::add);
        body.put("limit", settings.pageSize());
        body.put("after", Long.toString(offset));
        Map<String, String> context = window.context();
        if (first) {
            context = new java.util.HashMap<>(context);
            context.put("first", "true");
        }
        String url = baseUrl() + "/crm/v3/objects/" + name + "/search";
        return new SyncRequest(SEARCH, url, context, "POST", body.toString());
    }

    private static void filter(ArrayNode filters, String property, String operator, long value) {
        filters.addObject().put("propertyName", property).put("operator", operator).put("value", Long.toString(value));
    }

    private long modifiedMillis(JsonNode result) {
        String value = result.path("properties").path(modifiedProperty).asText(null);
        if (value == null || value.isBlank()) {
            value = result.path("updatedAt").asText(null);
        }
        if (value == null) {
            throw new PermanentFailureException("HubSpot " + name + " " + result.path("id").asText("?")
                    + " has neither " + modifiedProperty + " nor updatedAt");
        }
        try {
            return value.matches("\\d+") ? Long.parseLong(value) : Instant.parse(value).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new PermanentFailureException("HubSpot " + name + " " + result.path("id").asText("?") + ": "
                    + modifiedProperty + " is not a time: " + value, e);
        }
    }

    private static long parseOffset(String after) {
        try {
            return Long.parseLong(after);
        } catch (NumberFormatException e) {
            // not an offset: nothing to tell about the cap, so follow it
            return 0;
        }
    }

    /** What a search reads: the modification times, and in id mode the last object id read. */
    record Window(long from, long to, String idAbove) {

        Map<String, String> context() {
            return idAbove == null ? Map.of("from", Long.toString(from), "to", Long.toString(to))
                    : Map.of("from", Long.toString(from), "to", Long.toString(to), "idAbove", idAbove);
        }

        static Window of(Map<String, String> context) {
            return new Window(Long.parseLong(context.get("from")), Long.parseLong(context.get("to")),
                    context.get("idAbove"));
        }
    }
}
