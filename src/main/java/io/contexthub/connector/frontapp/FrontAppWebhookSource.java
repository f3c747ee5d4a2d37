package io.contexthub.connector.frontapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.platform.RequestRejectedException;
import io.contexthub.webhook.Hmac;
import io.contexthub.webhook.JsonBodies;
import io.contexthub.webhook.SignedWebhookSource;
import io.contexthub.webhook.WebhookOutcome;
import io.contexthub.webhook.WebhookProperties;
import io.contexthub.webhook.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Front application webhooks: {@code x-front-signature} = base64(HMAC-SHA256(app secret,
 * {@code x-front-request-timestamp + ":" + raw body})), the timestamp in milliseconds. The {@code sync}
 * validation request Front sends when a webhook is saved is verified like any other and answered with its
 * challenge.
 * <p>
 * Rule webhooks, when {@code hub.webhooks.frontapp.rule-secret} is set: no timestamp header, and
 * {@code x-front-signature} = base64(HMAC-SHA1(company API secret, raw body)). Their body is the Front Event itself,
 * staged in the envelope the application webhooks and the events sync use, so all three copies of an event
 * collapse into one document and share one idempotency key.
 */
@Component
public class FrontAppWebhookSource extends SignedWebhookSource {

    public static final String NAME = "frontapp";
    static final String SIGNATURE = "x-front-signature";
    static final String TIMESTAMP = "x-front-request-timestamp";
    static final String CHALLENGE = "x-front-challenge";
    static final String SYNC_TYPE = "sync";
    /** The envelope type of a rule webhook's event preview; the Front mappings map it to nothing. */
    static final String PREVIEW_TYPE = "preview";
    /** Front Events, whether pushed by a webhook or pulled by the events and conversations syncs. */
    public static final String STREAM = "events";

    private final List<String> ruleSecrets;

    public FrontAppWebhookSource(FrontAppWebhookProperties own, WebhookProperties properties, Clock clock,
                                 ObjectMapper mapper) {
        super(NAME, own.secret(), properties, clock, mapper);
        this.ruleSecrets = own.ruleSecret();
    }

    @Override
    public boolean configured() {
        return super.configured() || !ruleSecrets.isEmpty();
    }

    @Override
    public WebhookOutcome receive(WebhookRequest request) {
        if (request.header(TIMESTAMP).isEmpty() && !ruleSecrets.isEmpty()) {
            return receiveRule(request);
        }
        verify(request);
        JsonNode body = JsonBodies.parse(mapper, request.body());
        String type = body.path("type").asText("");
        if (SYNC_TYPE.equals(type)) {
            String challenge = request.header(CHALLENGE).orElseThrow(() ->
                    RequestRejectedException.badRequest("missing_challenge",
                            "a sync request must carry the " + CHALLENGE + " header"));
            return new WebhookOutcome.Handshake(mapper.createObjectNode().put("challenge", challenge));
        }
        String eventId = body.path("payload").path("id").asText("");
        if (type.isEmpty() || eventId.isEmpty()) {
            throw RequestRejectedException.badRequest("malformed_event",
                    "a Front application webhook needs a type and payload.id");
        }
        return new WebhookOutcome.Event(eventId, STREAM, type, body);
    }

    /** A rule webhook: the Event itself (or, from a relay, the application envelope around it). */
    WebhookOutcome receiveRule(WebhookRequest request) {
        String signature = required(request, SIGNATURE, SIGNATURE + " header is missing");
        if (!anySecretMatches(ruleSecrets, key -> Base64.getEncoder().encodeToString(
                Hmac.compute(Hmac.SHA1, key, request.body())), List.of(signature))) {
            throw RequestRejectedException.unauthorized("invalid_signature", SIGNATURE
                    + " does not match the body for any configured rule secret (a rule webhook has no "
                    + TIMESTAMP + "; an application webhook must send one)");
        }
        JsonNode body = JsonBodies.parse(mapper, request.body());
        JsonNode event = body.path("payload").isObject() ? body.path("payload") : body;
        String eventId = event.path("id").asText("");
        String type = event.path("type").asText("");
        if (eventId.isEmpty() || type.isEmpty()) {
            throw RequestRejectedException.badRequest("malformed_event", "a Front rule webhook needs the event's "
                    + "id and type; choose \"send full event\" or \"send event preview\" in the rule");
        }
        if (isPreview(event)) {
            // Its own key: the full event, which the events sync brings later, must not count as its duplicate.
            ObjectNode envelope = mapper.createObjectNode().put("type", PREVIEW_TYPE);
            envelope.set("payload", event);
            return new WebhookOutcome.Event(eventId + ":" + PREVIEW_TYPE, STREAM, PREVIEW_TYPE, envelope);
        }
        if (event == body) {
            ObjectNode envelope = mapper.createObjectNode().put("type", type);
            envelope.set("payload", event);
            body = envelope;
        }
        return new WebhookOutcome.Event(eventId, STREAM, body.path("type").asText(type), body);
    }

    /**
     * An "event preview" carries ids and links only. Front documents {@code status} as a required field of every
     * full conversation, and {@code is_inbound} of every full message, so their absence marks a preview.
     */
    static boolean isPreview(JsonNode event) {
        JsonNode conversation = event.path("conversation");
        JsonNode target = event.path("target");
        boolean previewConversation = conversation.isObject() && !conversation.has("status");
        boolean previewMessage = "message".equals(target.path("_meta").path("type").asText())
                && !target.path("data").has("is_inbound");
        return previewConversation || previewMessage;
    }

    void verify(WebhookRequest request) {
        String signature = required(request, SIGNATURE, SIGNATURE + " header is missing");
        String timestamp = required(request, TIMESTAMP, TIMESTAMP + " header is missing");
        window.check(Instant.ofEpochMilli(epoch(timestamp, TIMESTAMP, "milliseconds")), TIMESTAMP);
        byte[] prefix = (timestamp + ":").getBytes(StandardCharsets.UTF_8);
        if (!anySecretMatches(key -> Base64.getEncoder().encodeToString(
                Hmac.compute(Hmac.SHA256, key, prefix, request.body())), List.of(signature))) {
            throw RequestRejectedException.unauthorized("invalid_signature",
                    SIGNATURE + " does not match the body and timestamp for any configured secret");
        }
    }
}
