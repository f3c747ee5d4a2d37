package io.contexthub.customer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.access.Grants;
import io.contexthub.api.ApiProperties;
import io.contexthub.api.SearchParameters;
import io.contexthub.embedding.Embedder;
import io.contexthub.identity.IdentityApi;
import io.contexthub.platform.HttpReplies;
import io.contexthub.platform.PathIds;
import io.contexthub.platform.RequestRejectedException;
import io.contexthub.staging.SourceActivity;
import io.contexthub.store.ContextStore;
import io.contexthub.store.DocumentScope;
import io.contexthub.store.SearchFilters;
import io.contexthub.store.SearchHit;
import io.contexthub.store.SearchQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/**
 * {@code GET /api/customers/{id}/context}: everything the hub knows about one customer in one answer — the linked
 * customer records, a timeline of their events across sources (newest first and paged, or ranked by {@code q}),
 * their invoices with a summary, their deals (each at its current stage) with a summary, and how fresh each source
 * is. Every item is the canonical document, provenance included.
 */
@Component("customerContextApi")
public class CustomerContextApi {

    static final int DEFAULT_TIMELINE = 20;

    private final CustomerProfiles profiles;
    private final IdentityApi identity;
    private final ContextStore store;
    private final Embedder embedder;
    private final SourceActivity activity;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final int maxHits;

    public CustomerContextApi(CustomerProfiles profiles, IdentityApi identity, ContextStore store, Embedder embedder,
                              SourceActivity activity, ObjectMapper mapper, Clock clock, ApiProperties api) {
        this.profiles = profiles;
        this.identity = identity;
        this.store = store;
        this.embedder = embedder;
        this.activity = activity;
        this.mapper = mapper;
        this.clock = clock;
        this.maxHits = api.maxHits();
    }

    public void context(Exchange exchange, @Header("id") String id, @Header("q") String q, @Header("k") String k,
                        @Header("cursor") String cursor) {
        HttpReplies.json(exchange, 200, contextOf(PathIds.decode(id), q, size(k), cursor,
                Grants.of(exchange).scope()));
    }

    /**
     * Everything about one customer (see the class comment) that the caller may see; rejections for an unknown one
     * or a bad cursor. A scoped caller gets the records, timeline, invoices and deals of its scope, and no identity
     * links (they name identifiers from every source).
     */
    public ObjectNode contextOf(String id, String q, int size, String cursor, DocumentScope scope) {
        boolean ranked = q != null && !q.isBlank();
        if (cursor != null) {
            if (ranked) {
                throw RequestRejectedException.badRequest("invalid_cursor",
                        "cursor pages the timeline by time; a timeline ranked by q is not paged");
            }
            SearchParameters.checkCursor(cursor);
        }
        CustomerProfile profile = profiles.find(id);
        if (profile.members().isEmpty()) {
            throw RequestRejectedException.notFound("unknown_customer", "no customer record is identified by " + id);
        }
        Set<String> ids = profile.ids();
        SearchFilters mine = new SearchFilters(ids, null, null, null, null, null, null, false).within(scope);
        List<SearchHit> timeline = store.search(new SearchQuery(ranked ? q : null, ranked ? embedder.embed(q) : null,
                "event", size, mine, cursor));
        List<JsonNode> invoices = listed("invoice", mine);
        List<JsonNode> deals = listed("deal", mine);
        List<JsonNode> records = profile.members().stream()
                .filter(record -> scope.allowsId(record.path("id").asText())).toList();
        if (records.isEmpty() && timeline.isEmpty() && invoices.isEmpty() && deals.isEmpty()) {
            // a scoped caller learns nothing of a customer known only outside its scope, not even that it exists
            throw RequestRejectedException.notFound("unknown_customer", "no customer record is identified by " + id);
        }

        ObjectNode body = mapper.createObjectNode();
        body.put("customer", (records.isEmpty() ? profile.members() : records).get(0).path("id").asText());
        body.put("profile", profile.profile());
        records.forEach(body.putArray("records")::add);
        if (scope.unrestricted()) {
            ArrayNode links = body.putArray("links");
            profile.links().forEach(link -> links.add(identity.describe(link)));
            ArrayNode inactive = body.putArray("inactiveLinks");
            profile.inactive().forEach(link -> inactive.add(identity.describe(link)));
        }
        ObjectNode events = body.putObject("timeline");
        ArrayNode items = events.putArray("events");
        List<JsonNode> seen = new ArrayList<>(records);
        for (SearchHit hit : timeline) {
            JsonNode event = parse(hit.json());
            items.add(event);
            seen.add(event);
        }
        if (!ranked && timeline.size() == size) {
            events.put("next", timeline.get(timeline.size() - 1).cursor());
        }
        ObjectNode billing = body.putObject("invoices");
        billing.set("summary", InvoiceSummary.of(invoices, clock.instant()));
        invoices.forEach(billing.putArray("items")::add);
        seen.addAll(invoices);
        ObjectNode pipeline = body.putObject("deals");
        pipeline.set("summary", DealSummary.of(deals));
        deals.forEach(pipeline.putArray("items")::add);
        seen.addAll(deals);
        body.set("freshness", freshness(seen));
        return body;
    }

    private List<JsonNode> listed(String type, SearchFilters filters) {
        if (filters.scope() != null && !filters.scope().allowsType(type)) {
            return List.of();
        }
        return store.search(new SearchQuery(null, null, type, maxHits, filters, null)).stream()
                .map(hit -> parse(hit.json())).toList();
    }

    /**
     * Per source: when the hub last received something about this customer (the newest {@code receivedAt} among the
     * records above), and when the source last delivered anything at all (this instance's staging, else the newest
     * stored document of the source).
     */
    private ObjectNode freshness(List<JsonNode> documents) {
        Map<String, Instant> aboutCustomer = new TreeMap<>();
        for (JsonNode document : documents) {
            String source = document.path("source").asText(null);
            Instant received = instant(document.path("provenance").path("receivedAt").asText(null));
            if (source != null && received != null) {
                aboutCustomer.merge(source, received, (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        ObjectNode freshness = mapper.createObjectNode();
        for (String source : new TreeSet<>(aboutCustomer.keySet())) {
            ObjectNode entry = freshness.putObject(source);
            entry.put("lastAboutCustomer", aboutCustomer.get(source).toString());
            Instant delivered = activity.lastStaged(source).orElseGet(() -> newestStored(source));
            if (delivered != null) {
                entry.put("lastFromSource", delivered.toString());
            }
        }
        return freshness;
    }

    private Instant newestStored(String source) {
        SearchFilters bySource = new SearchFilters(null, source, null, null, null, null, null, true);
        return store.search(new SearchQuery(null, null, null, 1, bySource, null)).stream().findFirst()
                .map(hit -> instant(parse(hit.json()).path("provenance").path("receivedAt").asText(null)))
                .orElse(null);
    }

    /** The timeline page size: {@code k}, default 20, at most {@code hub.api.max-hits}. */
    public int size(String k) {
        return SearchParameters.count(k, DEFAULT_TIMELINE, maxHits);
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private JsonNode parse(String json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("stored document is not JSON", e);
        }
    }
}
