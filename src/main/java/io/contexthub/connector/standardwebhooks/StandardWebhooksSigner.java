package io.contexthub.connector.standardwebhooks;

import io.contexthub.webhook.Hmac;
import io.contexthub.webhook.WebhookSigner;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * Standard Webhooks, for any configured sender: {@code webhook-signature: v1,<base64 HMAC-SHA256>} over
 * {@code id + "." + seconds + "." + body}, keyed with the base64-decoded part of the {@code whsec_} secret.
 */
public final class StandardWebhooksSigner implements WebhookSigner {

    @Override
    public String source() {
        return ANY;
    }

    @Override
    public String secretSetting(String source) {
        return "hub.webhooks.senders." + source + ".secret";
    }

    @Override
    public Map<String, String> sign(String secret, byte[] body, Instant now, URI target, String eventId) {
        byte[] key = StandardWebhookSource.key(secret).orElseThrow(() -> new IllegalArgumentException(
                "a Standard Webhooks secret is whsec_ followed by base64"));
        String seconds = String.valueOf(now.getEpochSecond());
        byte[] mac = Hmac.compute(Hmac.SHA256, key, (eventId + "." + seconds + ".").getBytes(StandardCharsets.UTF_8),
                body);
        return Map.of("webhook-id", eventId, "webhook-timestamp", seconds, "webhook-signature",
                "v1," + Base64.getEncoder().encodeToString(mac));
    }
}
