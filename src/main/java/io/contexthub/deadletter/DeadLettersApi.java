package io.contexthub.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.access.Grants;
import io.contexthub.audit.AuditLog;
import io.contexthub.platform.HttpReplies;
import io.contexthub.platform.HubHeaders;
import io.contexthub.platform.RequestRejectedException;
import io.contexthub.staging.StagingTopics;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code GET /api/dead-letters[?limit=]}, {@code GET /api/dead-letters/{id}} and
 * {@code POST /api/dead-letters/{id}/redrive}: the envelope is staged again exactly as it was (no duplicate
 * check: it was staged before, on purpose this time) and the dead letter is removed once staging acknowledged it.
 */
@Component("deadLettersApi")
public class DeadLettersApi {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
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

    public void list(Exchange exchange, @Header("limit") String limit) {
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
        ObjectNode body = mapper.createObjectNode();
        ArrayNode letters = body.putArray("deadLetters");
        for (JsonNode letter : store.list(max)) {
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
        String envelopeId = envelope.path("id").asText("");
        String source = envelope.path("source").asText("");
        if (!envelope.isObject() || envelopeId.isEmpty() || source.isEmpty()) {
            throw new RequestRejectedException(409, "not_redrivable", "dead letter " + id + " holds no readable "
                    + "envelope (the original bytes are in its envelope field); stage a corrected copy by hand");
        }
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(HubHeaders.FILE_NAME, envelopeId + ".json");
        message.setHeader(HubHeaders.STAGING_TOPIC, StagingTopics.inbound(source));
        message.setHeader(HubHeaders.STAGING_KEY, envelope.path("idempotencyKey").asText(envelopeId));
        message.setBody(envelope.toString().getBytes(StandardCharsets.UTF_8));
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

    private JsonNode letter(String id) {
        return store.get(id).orElseThrow(() -> RequestRejectedException.notFound("not_found",
                "no dead letter with id " + id));
    }
}
