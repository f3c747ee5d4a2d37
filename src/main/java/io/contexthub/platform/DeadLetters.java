package io.contexthub.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns a failed exchange into a dead-letter record: the original envelope untouched, plus the cause, the
 * stage and route it failed in, and when. The {@code deadletter.write} route stores it.
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

    public void record(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String stage = exchange.getProperty(HubHeaders.STAGE, "unknown", String.class);
        String routeId = exchange.getProperty(Exchange.FAILURE_ROUTE_ID, String.class);
        var now = clock.instant();
        String id = String.format("%013d-%s", now.toEpochMilli(), UUID.randomUUID());

        ObjectNode record = mapper.createObjectNode();
        record.put("id", id);
        record.put("failedAt", now.toString());
        record.put("stage", stage);
        record.put("route", routeId);
        ObjectNode causeNode = record.putObject("cause");
        causeNode.put("type", cause == null ? "unknown" : cause.getClass().getName());
        causeNode.put("message", cause == null ? "no exception recorded" : String.valueOf(cause.getMessage()));
        Message message = exchange.getMessage();
        // The original body may still be a file handle (spool) or bytes (Kafka); String covers both.
        record.set("envelope", envelope(message.getBody(String.class)));

        log.warn("dead letter {} at stage {}: {}", id, stage, causeNode.get("message").asText());
        meters.counter("hub.deadletters", "stage", stage).increment();
        message.removeHeaders("*");
        message.setHeader(HubHeaders.FILE_NAME, id + ".json");
        message.setBody(record.toPrettyString());
    }

    private JsonNode envelope(String original) {
        if (original == null) {
            return mapper.nullNode();
        }
        try {
            return mapper.readTree(original);
        } catch (IOException e) {
            // Keep even unreadable input: a dead letter must never lose what arrived.
            return mapper.getNodeFactory().textNode(original);
        }
    }
}
