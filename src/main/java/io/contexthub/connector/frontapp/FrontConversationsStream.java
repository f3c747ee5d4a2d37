package io.contexthub.connector.frontapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.platform.PermanentFailureException;
import io.contexthub.sync.SyncPage;
import io.contexthub.sync.SyncRecord;
import io.contexthub.sync.SyncRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Backfill: every conversation ({@code GET /conversations}) and, for each, its messages ({@code GET
 * /conversations/{id}/messages}), once. Each message is staged in the shape of a Front message event (the
 * conversation beside the message as its target), so the events mappings turn it into the same Event and
 * Customers a webhook for that message would. Later changes arrive through the events stream; when a backfill has
 * completed, runs of this stream do nothing.
 */
@Component
public class FrontConversationsStream extends FrontStream {

    static final String NAME = "conversations";
    static final String CONVERSATIONS = "conversations";
    static final String MESSAGES = "messages";
    static final String CONVERSATION = "conversation";
    static final String BACKFILLED = "backfilled";

    private final ObjectMapper mapper;

    public FrontConversationsStream(FrontApi api, FrontAppSyncProperties properties, ObjectMapper mapper) {
        super(api, properties);
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
        if (cursor.isPresent()) {
            return List.of();
        }
        return List.of(new SyncRequest(CONVERSATIONS, url("/conversations?limit=" + properties.pageSize())));
    }

    @Override
    public SyncPage page(SyncRequest request, JsonNode body) {
        JsonNode results = FrontPages.results(request, body);
        List<SyncRequest> followUps = new ArrayList<>();
        List<SyncRecord> records = new ArrayList<>();
        if (MESSAGES.equals(request.kind())) {
            JsonNode conversation = conversation(request);
            for (JsonNode message : results) {
                records.add(new SyncRecord("message:" + message.path("id").asText("?"), "message",
                        asEvent(conversation, message)));
            }
        } else {
            for (JsonNode conversation : results) {
                String messages = conversation.path("_links").path("related").path("messages").asText("");
                if (messages.isEmpty()) {
                    messages = url("/conversations/" + conversation.path("id").asText() + "/messages");
                }
                followUps.add(new SyncRequest(MESSAGES, messages + "?limit=" + properties.pageSize(),
                        Map.of(CONVERSATION, summary(conversation).toString())));
            }
        }
        FrontPages.next(request, body).ifPresent(followUps::add);
        return new SyncPage(records, followUps, BACKFILLED, null);
    }

    /** The cursor is only a mark that the backfill completed, not a time. */
    @Override
    public String later(String a, String b) {
        return b != null ? b : a;
    }

    /** What the events mappings read of a conversation; kept small, as it is stored with every pending call. */
    private ObjectNode summary(JsonNode conversation) {
        ObjectNode summary = mapper.createObjectNode();
        for (String field : List.of("id", "subject", "status", "tags", "recipient")) {
            if (conversation.has(field)) {
                summary.set(field, conversation.get(field));
            }
        }
        summary.withArray("tags").forEach(tag -> {
            if (tag instanceof ObjectNode object) {
                object.retain("id", "name");
            }
        });
        return summary;
    }

    private JsonNode conversation(SyncRequest request) {
        try {
            return mapper.readTree(request.context().getOrDefault(CONVERSATION, "{}"));
        } catch (IOException e) {
            throw new PermanentFailureException("unreadable conversation context of " + request.url(), e);
        }
    }

    private ObjectNode asEvent(JsonNode conversation, JsonNode message) {
        ObjectNode delivery = mapper.createObjectNode();
        delivery.put("type", "message");
        ObjectNode event = delivery.putObject("payload");
        event.put("type", "message");
        if (message.has("created_at")) {
            event.set("emitted_at", message.get("created_at"));
        }
        event.set("conversation", conversation);
        ObjectNode target = event.putObject("target");
        target.putObject("_meta").put("type", "message");
        target.set("data", message);
        return delivery;
    }
}
