package io.contexthub.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a body the way Front signs application webhooks, written independently of the hub's verifier so a
 * shared mistake cannot make both agree.
 */
public final class FrontSigner {

    private FrontSigner() {
    }

    public static String signature(String secret, long timestampMillis, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestampMillis + ":").getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, String> headers(String secret, long timestampMillis, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("x-front-request-timestamp", Long.toString(timestampMillis));
        headers.put("x-front-signature", signature(secret, timestampMillis, body));
        return headers;
    }
}
