package io.contexthub.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.access.Grants;
import io.contexthub.audit.AuditLog;
import io.contexthub.platform.HttpReplies;
import io.contexthub.platform.HubHeaders;
import io.contexthub.platform.JsonRequests;
import io.contexthub.platform.RequestRejectedException;
import io.contexthub.staging.StagingTopics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code GET /api/dead-letters[?limit=&source=&stage=&cause=&since=&until=]}, {@code GET /api/dead-letters/{id}},
 * {@code POST /api/dead-letters/{id}/redrive} and, for every letter a {@link DeadLetterFilter} matches,
 * {@code POST /api/dead-letters/redrive} and {@code POST /api/dead-letters/purge}. A redrive stages the envelope
 * again exactly as it was (no duplicate check: it was staged before, on purpose this time) and removes the dead
 * letter once staging acknowledged it, one letter at a time: a bulk redrive cut short by an outage has redriven
 * some and left the rest, and the same request again redrives what is left.
 */
@Component("deadLettersApi")
public class DeadLettersApi {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    /** The most letters one bulk redrive or purge touches; a filter matching more is refused (narrow it). */
    static final int BULK_MAX = 10_000;
    /** Exchange property: the counts of a bulk redrive, shared by its split exchanges. */
    static final String BULK = "hubBulkRedrive";
    /** Exchange property: the id of the dead letter being redriven. */
    static final String REDRIVING = "hubRedriving";
    static final String REDRIVER = "hubRedriver";
    private static final Logger log = LoggerFactory.getLogger(DeadLettersApi.class);

    private final DeadLetterStore store;
    private final ObjectMapper mapper;

    private final AuditLog audit;

    public DeadLettersApi(DeadLetterStore store, ObjectMapper mapper, AuditLog audit) {
        this.store = store;
        this.mapper = mapper;
        this.audit = audit;
    }

    public void list(Exchange exchange, @Header("limit") String limit, @Header("source") String source,
                     @Header("stage") String stage, @Header("cause") String cause, @Header("since") String since,
                     @Header("until") String until, @Header("correlationId") String correlationId) {
        int max = DEFAULT_LIMIT;
        if (limit != null && !limit.isBlank()) {
            try {
                max = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                max = -1;
            }
            if (max < 1 || max > MAX_LIMIT) {
                throw RequestRejectedException.badRequest("invalid_limit", "limit must be 1 to " + MAX_LIMIT);
            }
        }
        DeadLetterFilter filter = DeadLetterFilter.of(source, stage, cause, since, until, correlationId);
        ObjectNode body = mapper.createObjectNode();
        ArrayNode letters = body.putArray("deadLetters");
        for (JsonNode letter : store.list(max, filter)) {
            ObjectNode summary = letters.addObject();
            summary.put("id", letter.path("id").asText());
            summary.put("tenant", TenantDeadLetters.tenantOf(letter));
            summary.put("failedAt", letter.path("failedAt").asText());
            summary.put("stage", letter.path("stage").asText());
            summary.put("route", letter.path("route").asText());
            summary.set("cause", letter.path("cause"));
            summary.put("source", letter.path("envelope").path("source").asText(null));
            summary.put("envelopeId", letter.path("envelope").path("id").asText(null));
            summary.put("idempotencyKey", letter.path("envelope").path("idempotencyKey").asText(null));
            summary.put("correlationId", letter.path("envelope").path("correlationId").asText(null));
        }
        HttpReplies.json(exchange, 200, body);
    }

    public void get(Exchange exchange, @Header("id") String id) {
        HttpReplies.json(exchange, 200, letter(id));
    }

    /** Puts the dead letter's envelope on the message, addressed as the ingress addresses a new one. */
    public void prepareRedrive(Exchange exchange, @Header("id") String id) {
        exchange.setProperty(REDRIVER, Grants.of(exchange).principal());
        JsonNode envelope = letter(id).path("envelope");
        if (!redrivable(envelope)) {
            throw new RequestRejectedException(409, "not_redrivable", "dead letter " + id + " holds no readable "
                    + "envelope (the original bytes are in its envelope field); stage a corrected copy by hand");
        }
        address(exchange, envelope);
        exchange.setProperty(REDRIVING, id);
    }

    public void redriven(Exchange exchange) {
        String id = exchange.getProperty(REDRIVING, String.class);
        store.redriven(id);
        audit.append("deadletter.redriven", exchange.getProperty(REDRIVER, String.class), id, null);
        log.info("dead letter {} redriven", id);
        HttpReplies.json(exchange, 202, mapper.createObjectNode().put("status", "redriven").put("id", id)
                .put("envelopeId", exchange.getMessage().getHeader(HubHeaders.FILE_NAME, String.class)
                        .replaceAll("\\.json$", "")));
    }

    /**
     * The ids of the letters the body's filter matches (a filter that narrows nothing must say
     * {@code "all": true}), oldest first so they are staged again in the order they first came.
     */
    public List<String> matching(Exchange exchange) {
        JsonNode body = JsonRequests.object(exchange, mapper);
        DeadLetterFilter filter = filter(body);
        exchange.setProperty(REDRIVER, Grants.of(exchange).principal());
        exchange.setProperty(BULK, new BulkRedrive(filter));
        List<String> ids = new ArrayList<>(matched(filter).stream().map(letter -> letter.path("id").asText())
                .toList());
        Collections.reverse(ids);
        return ids;
    }

    /** Inside a bulk redrive: addresses one letter, or counts it as skipped when it holds no readable envelope. */
    public void prepareEach(Exchange exchange) {
        String id = exchange.getMessage().getBody(String.class);
        BulkRedrive bulk = exchange.getProperty(BULK, BulkRedrive.class);
        Optional<JsonNode> letter = store.get(id);
        if (letter.isEmpty() || !redrivable(letter.get().path("envelope"))) {
            exchange.removeProperty(REDRIVING);
            if (letter.isPresent()) {
                bulk.skipped.add(id);
            }
            return;
        }
        address(exchange, letter.get().path("envelope"));
        exchange.setProperty(REDRIVING, id);
    }

    /** Inside a bulk redrive: the letter's envelope is staged; it is no longer a dead letter. */
    public void redrivenEach(Exchange exchange) {
        String id = exchange.getProperty(REDRIVING, String.class);
        store.redriven(id);
        audit.append("deadletter.redriven", exchange.getProperty(REDRIVER, String.class), id, null);
        exchange.getProperty(BULK, BulkRedrive.class).redriven.incrementAndGet();
    }

    public void redrivenMatching(Exchange exchange) {
        BulkRedrive bulk = exchange.getProperty(BULK, BulkRedrive.class);
        log.info("{} dead letters redriven by filter, {} skipped", bulk.redriven.get(), bulk.skipped.size());
        ObjectNode body = mapper.createObjectNode().put("status", "redriven").put("redriven", bulk.redriven.get());
        bulk.skipped.forEach(body.putArray("skipped")::add);
        body.set("filter", mapper.valueToTree(bulk.filter));
        HttpReplies.json(exchange, 200, body);
    }

    /**
     * Removes every letter the body's filter matches, once the caller confirmed how many that is
     * ({@code "expected"}: the count the caller saw; another count means the letters changed since — 409).
     */
    public void purge(Exchange exchange) {
        JsonNode body = JsonRequests.object(exchange, mapper);
        DeadLetterFilter filter = filter(body);
        JsonNode expected = body.path("expected");
        if (!expected.canConvertToInt() || !expected.isIntegralNumber()) {
            throw RequestRejectedException.badRequest("confirmation_required", "say how many dead letters you expect "
                    + "to purge in \"expected\" (list them with the same filter first)");
        }
        List<JsonNode> letters = matched(filter);
        if (letters.size() != expected.asInt()) {
            throw new RequestRejectedException(409, "count_changed", "the filter matches " + letters.size()
                    + " dead letters, not " + expected.asInt() + "; look at them again before purging");
        }
        String actor = Grants.of(exchange).principal();
        for (JsonNode letter : letters) {
            String id = letter.path("id").asText();
            store.erased(id);
            audit.append("deadletter.purged", actor, id, null);
        }
        log.info("{} dead letters purged by filter", letters.size());
        ObjectNode reply = mapper.createObjectNode().put("status", "purged").put("purged", letters.size());
        reply.set("filter", mapper.valueToTree(filter));
        HttpReplies.json(exchange, 200, reply);
    }

    private List<JsonNode> matched(DeadLetterFilter filter) {
        List<JsonNode> letters = store.list(BULK_MAX + 1, filter);
        if (letters.size() > BULK_MAX) {
            throw new RequestRejectedException(409, "too_many", "the filter matches more than " + BULK_MAX
                    + " dead letters; narrow it (source, stage, cause, since, until) and repeat");
        }
        return letters;
    }

    private static DeadLetterFilter filter(JsonNode body) {
        DeadLetterFilter filter = DeadLetterFilter.of(body);
        if (!filter.narrows() && !body.path("all").asBoolean(false)) {
            throw RequestRejectedException.badRequest("filter_required", "name a filter (source, stage, cause, "
                    + "since, until) or say \"all\": true");
        }
        return filter;
    }

    private static boolean redrivable(JsonNode envelope) {
        return envelope.isObject() && !envelope.path("id").asText("").isEmpty()
                && !envelope.path("source").asText("").isEmpty();
    }

    private static void address(Exchange exchange, JsonNode envelope) {
        String envelopeId = envelope.path("id").asText();
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(HubHeaders.FILE_NAME, envelopeId + ".json");
        message.setHeader(HubHeaders.STAGING_TOPIC, StagingTopics.inbound(envelope.path("source").asText()));
        message.setHeader(HubHeaders.STAGING_KEY, envelope.path("idempotencyKey").asText(envelopeId));
        message.setBody(envelope.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** What a bulk redrive did so far; one object shared by the exchanges its split makes. */
    static final class BulkRedrive {
        final DeadLetterFilter filter;
        final AtomicInteger redriven = new AtomicInteger();
        final List<String> skipped = new CopyOnWriteArrayList<>();

        BulkRedrive(DeadLetterFilter filter) {
            this.filter = filter;
        }
    }

    private JsonNode letter(String id) {
        return store.get(id).orElseThrow(() -> RequestRejectedException.notFound("not_found",
                "no dead letter with id " + id));
    }
}
