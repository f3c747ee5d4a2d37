package io.contexthub.connector.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Stripe webhooks: {@code Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>...]}, where each v1 is
 * hex(HMAC-SHA256(key = the endpoint secret's UTF-8 bytes, {@code t + "." + raw body})). Only v1 counts, and any v1
 * matching any configured secret verifies the request (Stripe signs with every active secret while one is
 * rolled). Like stripe-java, only an old timestamp is refused, not one ahead of the hub's clock.
 */
@Component
public class StripeWebhookSource extends SignedWebhookSource {

    public static final String NAME = "stripe";
    static final String SIGNATURE = "Stripe-Signature";
    static final String STREAM = "webhook";
    /** Thin (v2) events carry no object; stripe-java refuses them as well. */
    static final String THIN_EVENT = "v2.core.event";

    public StripeWebhookSource(StripeWebhookProperties own, WebhookProperties properties, Clock clock,
                               ObjectMapper mapper) {
        super(NAME, own.secret(), properties, clock, mapper);
    }

    @Override
    public WebhookOutcome receive(WebhookRequest request) {
        verify(request);
        JsonNode body = JsonBodies.parse(mapper, request.body());
        if (THIN_EVENT.equals(body.path("object").asText())) {
            throw RequestRejectedException.badRequest("unsupported_event",
                    "thin events (object v2.core.event) carry no data; subscribe this endpoint to snapshot events");
        }
        String id = body.path("id").asText("");
        String type = body.path("type").asText("");
        if (id.isEmpty() || type.isEmpty() || !body.path("data").path("object").isObject()) {
            throw RequestRejectedException.badRequest("malformed_event",
                    "a Stripe event needs id, type and data.object");
        }
        return new WebhookOutcome.Event(id, STREAM, type, body);
    }

    void verify(WebhookRequest request) {
        String header = required(request, SIGNATURE, SIGNATURE + " header is missing");
        String timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String item : header.split(",")) {
            String[] pair = item.split("=", 2);
            if (pair.length != 2) {
                continue;
            }
            String key = pair[0].trim();
            if ("t".equals(key)) {
                timestamp = pair[1].trim();
            } else if ("v1".equals(key)) {
                signatures.add(pair[1].trim());
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            throw RequestRejectedException.unauthorized("invalid_signature",
                    SIGNATURE + " must carry t= and at least one v1= signature");
        }
        window.checkNotOlder(Instant.ofEpochSecond(epoch(timestamp, "t= in " + SIGNATURE, "seconds")),
                SIGNATURE + " t=");
        byte[] signedPrefix = (timestamp + ".").getBytes(StandardCharsets.UTF_8);
        // the secret's UTF-8 bytes as they are, whsec_ included: Stripe does not decode it
        if (!anySecretMatches(key -> HexFormat.of().formatHex(Hmac.compute(Hmac.SHA256, key, signedPrefix,
                request.body())), signatures)) {
            throw RequestRejectedException.unauthorized("invalid_signature",
                    "no v1 signature in " + SIGNATURE + " matches the body and timestamp for any configured secret");
        }
    }
}
