package io.contexthub.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs like HubSpot (v3), written from HubSpot's documentation independently of the hub's verifier:
 * base64(HMAC-SHA256(secret, method + url + body + timestamp)), url as HubSpot called it.
 */
public final class HubSpotSigner {

    private HubSpotSigner() {
    }

    public static String v3(String secret, String method, String url, String body, long timestampMillis) {
        return v3(secret, method, url, body.getBytes(StandardCharsets.UTF_8), timestampMillis);
    }

    /** Over the raw body bytes, whatever they hold (HubSpot signs the bytes it sends). */
    public static String v3(String secret, String method, String url, byte[] body, long timestampMillis) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((method + url).getBytes(StandardCharsets.UTF_8));
            mac.update(body);
            byte[] digest = mac.doFinal(Long.toString(timestampMillis).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
