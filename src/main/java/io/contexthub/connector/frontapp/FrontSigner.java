package io.contexthub.connector.frontapp;

import io.contexthub.webhook.Hmac;
import io.contexthub.webhook.WebhookSigner;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/** Front application webhooks: {@code x-front-signature} = base64(HMAC-SHA256(secret, "<ms>:" + body)). */
public final class FrontSigner implements WebhookSigner {

    @Override
    public String source() {
        return FrontAppWebhookSource.NAME;
    }

    @Override
    public String secretSetting(String source) {
        return "hub.webhooks.frontapp.secret";
    }

    @Override
    public Map<String, String> sign(String secret, byte[] body, Instant now, URI target, String eventId) {
        String timestamp = String.valueOf(now.toEpochMilli());
        byte[] mac = Hmac.compute(Hmac.SHA256, secret.getBytes(StandardCharsets.UTF_8),
                (timestamp + ":").getBytes(StandardCharsets.UTF_8), body);
        return Map.of("x-front-request-timestamp", timestamp, "x-front-signature",
                Base64.getEncoder().encodeToString(mac));
    }
}
