package io.contexthub.connector.hubspot;

import io.contexthub.webhook.Hmac;
import io.contexthub.webhook.WebhookSigner;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * HubSpot v3: {@code X-HubSpot-Signature-v3} = base64(HMAC-SHA256(app secret, "POST" + full URL + body + ms)) with
 * the milliseconds in {@code X-HubSpot-Request-Timestamp}.
 */
public final class HubSpotSigner implements WebhookSigner {

    @Override
    public String source() {
        return "hubspot";
    }

    @Override
    public String secretSetting(String source) {
        return "hub.webhooks.hubspot.secret";
    }

    @Override
    public Map<String, String> sign(String secret, byte[] body, Instant now, URI target, String eventId) {
        String timestamp = String.valueOf(now.toEpochMilli());
        byte[] mac = Hmac.compute(Hmac.SHA256, secret.getBytes(StandardCharsets.UTF_8),
                ("POST" + target).getBytes(StandardCharsets.UTF_8), body, timestamp.getBytes(StandardCharsets.UTF_8));
        return Map.of("X-HubSpot-Signature-v3", Base64.getEncoder().encodeToString(mac),
                "X-HubSpot-Request-Timestamp", timestamp);
    }
}
