package io.contexthub.connector.stripe;

import io.contexthub.webhook.Hmac;
import io.contexthub.webhook.WebhookSigner;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/** Stripe: {@code Stripe-Signature: t=<seconds>,v1=<hex HMAC-SHA256(secret, "t." + body)>}, the whsec_ kept. */
public final class StripeSigner implements WebhookSigner {

    @Override
    public String source() {
        return "stripe";
    }

    @Override
    public String secretSetting(String source) {
        return "hub.webhooks.stripe.secret";
    }

    @Override
    public Map<String, String> sign(String secret, byte[] body, Instant now, URI target, String eventId) {
        long seconds = now.getEpochSecond();
        byte[] mac = Hmac.compute(Hmac.SHA256, secret.getBytes(StandardCharsets.UTF_8),
                (seconds + ".").getBytes(StandardCharsets.UTF_8), body);
        return Map.of("Stripe-Signature", "t=" + seconds + ",v1=" + HexFormat.of().formatHex(mac));
    }
}
