package io.contexthub.connector.frontapp;

import io.contexthub.platform.RequestRejectedException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.webhook.Hmac;
import io.contexthub.webhook.JsonBodies;
import io.contexthub.webhook.TimestampWindow;
import io.contexthub.webhook.WebhookOutcome;
import io.contexthub.webhook.WebhookProperties;
import io.contexthub.platform.RequestRejectedException;
import io.contexthub.webhook.WebhookRequest;
import io.contexthub.webhook.WebhookSource;
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
 */
@Component
public class FrontAppWebhookSource implements WebhookSource {

    public static final String NAME = "frontapp";
    static final String SIGNATURE = "x-front-signature";
    static final String TIMESTAMP = "x-front-request-timestamp";
    static final String CHALLENGE = "x-front-challenge";
    static final String SYNC_TYPE = "sync";
    /** Front Events, whether pushed by a webhook or pulled by the events and conversations syncs. */
    public static final String STREAM = "events";

    private final List<String> secrets;
    private final TimestampWindow window;
    private final ObjectMapper mapper;

    public FrontAppWebhookSource(WebhookProperties properties, Clock clock, ObjectMapper mapper) {
        this.secrets = properties.frontapp().secret();
        this.window = new TimestampWindow(clock, properties.tolerance());
        this.mapper = mapper;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean configured() {
        return !secrets.isEmpty();
    }

    @Override
    public WebhookOutcome receive(WebhookRequest request) {
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

    void verify(WebhookRequest request) {
        String signature = request.header(SIGNATURE).orElseThrow(() ->
                RequestRejectedException.unauthorized("missing_signature", SIGNATURE + " header is missing"));
        String timestamp = request.header(TIMESTAMP).orElseThrow(() ->
                RequestRejectedException.unauthorized("missing_signature", TIMESTAMP + " header is missing"));
        long millis;
        try {
            millis = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            throw RequestRejectedException.unauthorized("invalid_timestamp",
                    TIMESTAMP + " must be epoch milliseconds");
        }
        window.check(Instant.ofEpochMilli(millis), TIMESTAMP);
        byte[] prefix = (timestamp + ":").getBytes(StandardCharsets.UTF_8);
        boolean matched = false;
        for (String secret : secrets) {
            String expected = Base64.getEncoder().encodeToString(
                    Hmac.compute(Hmac.SHA256, secret.getBytes(StandardCharsets.UTF_8), prefix, request.body()));
            matched |= Hmac.constantTimeEquals(expected, signature);
        }
        if (!matched) {
            throw RequestRejectedException.unauthorized("invalid_signature",
                    SIGNATURE + " does not match the body and timestamp for any configured secret");
        }
    }
}
