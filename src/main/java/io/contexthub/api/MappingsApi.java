package io.contexthub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.deadletter.DeadLetterStore;
import io.contexthub.pipeline.DryRun;
import io.contexthub.platform.HttpReplies;
import io.contexthub.platform.JsonRequests;
import io.contexthub.platform.PermanentFailureException;
import io.contexthub.platform.RequestRejectedException;
import io.contexthub.staging.Envelope;
import io.contexthub.staging.EnvelopeCodec;
import io.contexthub.tenant.Tenants;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * {@code POST /api/mappings/dry-run}: what the mappings make of a payload, or of a dead letter's envelope — the
 * documents, their schema violations and embedding texts, and where processing would stop — with nothing staged,
 * embedded or stored.
 */
@Component("mappingsApi")
public class MappingsApi {

    private final DryRun dryRun;
    private final DeadLetterStore deadLetters;
    private final EnvelopeCodec codec;
    private final Tenants tenants;
    private final ObjectMapper mapper;

    public MappingsApi(DryRun dryRun, DeadLetterStore deadLetters, EnvelopeCodec codec, Tenants tenants,
                       ObjectMapper mapper) {
        this.dryRun = dryRun;
        this.deadLetters = deadLetters;
        this.codec = codec;
        this.tenants = tenants;
        this.mapper = mapper;
    }

    public void dryRun(Exchange exchange) {
        JsonNode body = JsonRequests.object(exchange, mapper);
        Envelope envelope = body.hasNonNull("deadLetter") ? fromDeadLetter(body.path("deadLetter").asText())
                : fromPayload(body);
        HttpReplies.json(exchange, 200, DryRun.report(envelope, dryRun.run(envelope), mapper));
    }

    private Envelope fromDeadLetter(String id) {
        JsonNode letter = deadLetters.get(id).orElseThrow(() -> RequestRejectedException.notFound("not_found",
                "no dead letter with id " + id));
        try {
            return codec.decode(letter.path("envelope").toString().getBytes(StandardCharsets.UTF_8));
        } catch (PermanentFailureException e) {
            throw new RequestRejectedException(409, "not_redrivable", "dead letter " + id + " holds no readable "
                    + "envelope: " + e.getMessage());
        }
    }

    private Envelope fromPayload(JsonNode body) {
        String source = required(body, "source");
        String stream = required(body, "stream");
        JsonNode payload = body.path("payload");
        if (!payload.isObject() && !payload.isArray()) {
            throw RequestRejectedException.badRequest("invalid_request", "payload must be the provider's JSON "
                    + "(an object), or send {\"deadLetter\": \"<id>\"}");
        }
        String type = body.path("type").isTextual() ? body.path("type").asText()
                : payload.path("type").asText("dry-run");
        return codec.create(tenants.current(), source, stream, type, "dry-run", false, payload);
    }

    private static String required(JsonNode body, String field) {
        String value = body.path(field).asText("").trim();
        if (value.isEmpty()) {
            throw RequestRejectedException.badRequest("invalid_request", field + " is required (or send "
                    + "{\"deadLetter\": \"<id>\"})");
        }
        return value;
    }
}
