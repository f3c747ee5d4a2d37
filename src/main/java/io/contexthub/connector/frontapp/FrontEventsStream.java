package io.contexthub.connector.frontapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.sync.SyncPage;
import io.contexthub.sync.SyncRecord;
import io.contexthub.sync.SyncRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * {@code GET /events} since the cursor: the only Front endpoint that sees changes to existing conversations (tags,
 * assignments, new messages). Each event is staged exactly as a webhook would deliver it, keyed by its event id,
 * so an event that also arrived by webhook is recognised as a duplicate and maps to the same documents.
 */
@Component
public class FrontEventsStream extends FrontStream {

    static final String NAME = "events";
    /** Front caps /events pages at 15. */
    static final int EVENTS_PAGE = 15;

    private final Clock clock;
    private final ObjectMapper mapper;

    public FrontEventsStream(FrontApi api, FrontAppSyncProperties properties, Clock clock, ObjectMapper mapper) {
        super(api, properties);
        this.clock = clock;
        this.mapper = mapper;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Front Events, staged exactly as the webhook stages them. */
    @Override
    public String envelopeStream() {
        return FrontAppWebhookSource.STREAM;
    }

    @Override
    public List<SyncRequest> first(Optional<String> cursor) {
        String after = cursor.orElseGet(() -> Long.toString(
                clock.instant().minus(properties.eventsLookback()).getEpochSecond()));
        return List.of(new SyncRequest(NAME, url("/events?q%5Bafter%5D=" + after + "&limit="
                + Math.min(EVENTS_PAGE, properties.pageSize()))));
    }

    @Override
    public SyncPage page(SyncRequest request, JsonNode body) {
        JsonNode results = FrontPages.results(request, body);
        List<SyncRecord> records = new ArrayList<>();
        for (JsonNode event : results) {
            String id = event.path("id").asText("");
            ObjectNode delivery = mapper.createObjectNode();
            delivery.put("type", event.path("type").asText("unknown"));
            delivery.set("payload", event);
            records.add(new SyncRecord(id.isEmpty() ? "event-without-id:" + event.hashCode() : id,
                    event.path("type").asText("unknown"), delivery));
        }
        return new SyncPage(records, FrontPages.pageList(FrontPages.next(request, body)),
                FrontPages.newest(results, "emitted_at", null), null);
    }
}
