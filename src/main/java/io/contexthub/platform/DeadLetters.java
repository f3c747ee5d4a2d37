package io.contexthub.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.tenant.Tenants;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Dead letters: what went wrong with a staged envelope, and the record that keeps it. {@link #rejection} captures a
 * failure where it happens (the original envelope untouched, the cause, the stage and route); {@link #record}
 * turns it into the stored record once its batch is through, and the {@code deadletter.write} route stores it.
 */
@Component("deadLetters")
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final ObjectMapper mapper;
    private final Clock clock;
    private final MeterRegistry meters;

    public DeadLetters(ObjectMapper mapper, Clock clock, MeterRegistry meters) {
        this.mapper = mapper;
        this.clock = clock;
        this.meters = meters;
    }

    /** The failed exchange's original message (the staged envelope) with the cause the error handler caught. */
    public Rejection rejection(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return new Rejection(
                exchange.getMessage().getBody(byte[].class),
                exchange.getProperty(HubHeaders.STAGE, "unknown", String.class),
                exchange.getProperty(Exchange.FAILURE_ROUTE_ID, String.class),
                cause == null ? "unknown" : cause.getClass().getName(),
                cause == null ? "no exception recorded" : String.valueOf(cause.getMessage()));
    }

    /** Replaces the message with the dead-letter record of the {@link Rejection} it carries. */
    public void record(Exchange exchange) {
        Rejection rejection = exchange.getMessage().getBody(Rejection.class);
        if (rejection == null) {
            throw new IllegalStateException("deadletter.write expects a Rejection, got "
                    + exchange.getMessage().getBody());
        }
        var now = clock.instant();
        String id = String.format("%013d-%s", now.toEpochMilli(), UUID.randomUUID());

        JsonNode envelope = envelope(rejection.staged());
        String tenant = Tenants.orDefault(envelope.path("tenant").isTextual() ? envelope.path("tenant").asText() : null);
        ObjectNode record = mapper.createObjectNode();
        record.put("id", id);
        record.put("tenant", tenant);
        record.put("failedAt", now.toString());
        record.put("stage", rejection.stage());
        record.put("route", rejection.route());
        String correlationId = envelope.path("correlationId").asText(null);
        if (correlationId != null) {
            record.put("correlationId", correlationId);
        }
        ObjectNode causeNode = record.putObject("cause");
        causeNode.put("type", rejection.causeType());
        causeNode.put("message", rejection.message());
        record.set("envelope", envelope);

        log.warn("dead letter {} at stage {} (correlation id {}): {}", id, rejection.stage(), correlationId,
                rejection.message());
        meters.counter("hub.deadletters", "stage", rejection.stage(), "tenant", tenant).increment();
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(HubHeaders.FILE_NAME, id + ".json");
        message.setHeader(HubHeaders.STAGING_KEY, id);
        message.setBody(record.toPrettyString());
    }

    private JsonNode envelope(byte[] staged) {
        if (staged == null) {
            return mapper.nullNode();
        }
        try {
            return mapper.readTree(staged);
        } catch (IOException e) {
            // Keep even unreadable input: a dead letter must never lose what arrived.
            return mapper.getNodeFactory().textNode(new String(staged, StandardCharsets.UTF_8));
        }
    }
}
