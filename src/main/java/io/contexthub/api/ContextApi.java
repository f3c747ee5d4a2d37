package io.contexthub.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.access.Grants;
import io.contexthub.audit.AuditLog;
import io.contexthub.canonical.Entity;
import io.contexthub.embedding.Embedder;
import io.contexthub.identity.Profiles;
import io.contexthub.platform.ErrorBodies;
import io.contexthub.platform.HttpReplies;
import io.contexthub.platform.PathIds;
import io.contexthub.platform.RequestRejectedException;
import io.contexthub.platform.TransientFailureException;
import io.contexthub.store.ContextStore;
import io.contexthub.store.DocumentScope;
import io.contexthub.store.SearchFilters;
import io.contexthub.store.SearchHit;
import io.contexthub.store.SearchQuery;
import io.contexthub.store.Tombstone;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The context endpoints ({@code routes/api.yaml}): search, fetch and erase canonical documents; and the one place
 * that turns any API failure into its answer ({@link #failure}).
 */
@Component("contextApi")
public class ContextApi {

    static final int DEFAULT_HITS = 10;
    private static final Logger log = LoggerFactory.getLogger(ContextApi.class);

    private final ContextStore store;
    private final Embedder embedder;
    private final ObjectMapper mapper;
    private final int maxHits;
    private final Profiles profiles;
    private final Clock clock;
    private final AuditLog audit;

    public ContextApi(ContextStore store, Embedder embedder, ObjectMapper mapper, ApiProperties properties,
                      Profiles profiles, Clock clock, AuditLog audit) {
        this.audit = audit;
        this.store = store;
        this.clock = clock;
        this.profiles = profiles;
        this.embedder = embedder;
        this.mapper = mapper;
        this.maxHits = properties.maxHits();
    }

    public void search(Exchange exchange) {
        HttpReplies.json(exchange, 200, answer(parameters(exchange.getMessage().getHeaders()),
                Grants.of(exchange).scope()));
    }

    /** Reads and checks search parameters (query parameters, or an agent's tool arguments). */
    public SearchParameters parameters(java.util.Map<String, Object> values) {
        return SearchParameters.read(values, ContextApi::entity, this::hits);
    }

    /** The search answer, {@code {"hits": [...], "next": ...}}, within what the caller may see. */
    public ObjectNode answer(SearchParameters request, DocumentScope scope) {
        if (request.type() != null && !scope.allowsType(request.type())
                || request.source() != null && !scope.allowsSource(request.source())) {
            throw outside(scope);
        }
        SearchFilters filters = new SearchFilters(customers(request.customer()), request.source(),
                request.eventType(), request.status(), request.from(), request.to(), null, request.includeDeleted())
                .within(scope);
        float[] vector = request.listing() ? null : embedder.embed(request.q());
        List<SearchHit> found = store.search(new SearchQuery(request.q(), vector, request.type(), request.k(),
                filters, request.cursor()));
        ObjectNode body = mapper.createObjectNode();
        ArrayNode array = body.putArray("hits");
        for (SearchHit hit : found) {
            ObjectNode node = array.addObject();
            node.put("id", hit.id());
            node.put("type", hit.type());
            if (!request.listing()) {
                node.put("score", hit.score());
            }
            node.set("document", parse(hit.json()));
        }
        if (request.listing() && found.size() == request.k()) {
            body.put("next", found.get(found.size() - 1).cursor());
        }
        return body;
    }

    /** A canonical document by id ({@code <type>:<source>:<source id>}), or a 404 rejection. */
    public com.fasterxml.jackson.databind.JsonNode document(String id, DocumentScope scope) {
        String entity = requireEntity(id == null || !id.contains(":") ? null : id.substring(0, id.indexOf(':')));
        if (!scope.allowsId(id)) {
            throw outside(scope);
        }
        return parse(store.get(entity, id).orElseThrow(() -> gone(entity, id)).json());
    }

    /** 403 for asking, by filter or id, for documents a scoped key may not see. */
    public static RequestRejectedException outside(DocumentScope scope) {
        return new RequestRejectedException(403, "outside_scope", "this key may read only "
                + (scope.types() == null ? "documents" : String.join(", ", new java.util.TreeSet<>(scope.types())))
                + (scope.sources() == null ? "" : " from " + String.join(", ", new java.util.TreeSet<>(scope.sources()))));
    }

    /**
     * The customers a {@code customer} filter names: every record of the identity profile of a profile id, a
     * canonical customer id, or anything else a record carries (an e-mail, a phone number, a provider id). Null
     * when there is no filter; empty when nobody matches, so the search finds nothing rather than everything. A
     * customer id with no stored record still filters on itself: events may name a customer before it arrives.
     */
    private Set<String> customers(String customer) {
        if (customer == null) {
            return null;
        }
        Set<String> members = profiles.find(customer).map(p -> Set.copyOf(p.members())).orElse(Set.of());
        return members.isEmpty() && customer.startsWith("customer:") ? Set.of(customer) : members;
    }

    public void get(Exchange exchange, @Header("type") String type, @Header("id") String segment) {
        String id = PathIds.decode(segment);
        requireEntity(type);
        if (!id.startsWith(type + ":")) {
            throw RequestRejectedException.notFound("not_found", "no " + type + " with id " + id);
        }
        HttpReplies.json(exchange, 200, document(id, Grants.of(exchange).scope()));
    }

    public void delete(Exchange exchange, @Header("type") String type, @Header("id") String segment,
                       @Header("reason") String reason) {
        String id = PathIds.decode(segment);
        String entity = requireEntity(type);
        String actor = Grants.of(exchange).principal();
        if (!store.delete(entity, id, new Tombstone.Deletion(actor, reason, clock.instant()))) {
            throw gone(entity, id);
        }
        audit.append("document.deleted", actor, id, reason == null ? null : Map.of("reason", reason));
        log.info("deleted {} {} through the API; its tombstone keeps older copies out", entity, id);
        HttpReplies.empty(exchange, 204);
    }

    /** 410 with when and by whom for a deleted id (its tombstone), else 404. */
    private RequestRejectedException gone(String entity, String id) {
        return store.tombstone(entity, id)
                .map(t -> new RequestRejectedException(410, "deleted", entity + " " + id + " was deleted at "
                        + t.deletedAt() + " by " + t.deletedBy() + (t.reason() == null ? "" : " (" + t.reason() + ")")))
                .orElseGet(() -> RequestRejectedException.notFound("not_found", "no " + entity + " with id " + id));
    }

    /** The reply for whatever stopped an API request. */
    public void failure(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (cause instanceof RequestRejectedException rejected) {
            HttpReplies.rejected(exchange, rejected);
        } else if (cause instanceof TransientFailureException || cause instanceof java.io.IOException) {
            log.warn("API request could not be served now: {}", cause.getMessage());
            HttpReplies.json(exchange, 503, ErrorBodies.of("unavailable", "a backing service is unavailable; "
                    + "retry later"));
        } else {
            log.error("API request failed", cause);
            HttpReplies.json(exchange, 500, ErrorBodies.of("internal_error", "the request could not be served"));
        }
    }

    private static String entity(String type) {
        if (type == null || type.isBlank()) {
            return null;
        }
        return requireEntity(type);
    }

    private static String requireEntity(String type) {
        if (type == null || !Entity.known(type)) {
            throw RequestRejectedException.badRequest("invalid_type",
                    "type must be one of " + List.copyOf(Entity.names()));
        }
        return type;
    }

    private int hits(String k) {
        return SearchParameters.count(k, DEFAULT_HITS, maxHits);
    }

    private com.fasterxml.jackson.databind.JsonNode parse(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored document is not JSON", e);
        }
    }
}
