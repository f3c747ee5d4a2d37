package io.contexthub.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** What a verified webhook request turned out to be. */
public sealed interface WebhookOutcome {

    /** A provider's validation request, answered directly and never staged. */
    record Handshake(JsonNode responseBody) implements WebhookOutcome {
    }

    /**
     * A provider event to stage.
     *
     * @param eventId the provider's own event id, the idempotency key of the delivery
     * @param stream  the stream the mappings are chosen by ({@code webhook} for pushed events)
     * @param type    the provider's event type
     * @param payload the verified request body
     */
    record Event(String eventId, String stream, String type, JsonNode payload) implements WebhookOutcome {
    }

    /**
     * Several provider events delivered in one request (HubSpot batches them). Each is staged, and checked for
     * duplicates, on its own; the sender gets 202 once all are staged.
     */
    record Batch(List<Event> events) implements WebhookOutcome {
        public Batch {
            events = List.copyOf(events);
        }
    }
}
