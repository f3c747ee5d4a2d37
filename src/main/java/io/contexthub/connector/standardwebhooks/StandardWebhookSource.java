package io.contexthub.connector.standardwebhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.platform.RequestRejectedException;
import io.contexthub.webhook.Hmac;
import io.contexthub.webhook.JsonBodies;
import io.contexthub.webhook.TimestampWindow;
import io.contexthub.webhook.WebhookOutcome;
import io.contexthub.webhook.WebhookRequest;
import io.contexthub.webhook.WebhookSource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A sender using the Standard Webhooks scheme (also Svix's): {@code webhook-id}, {@code webhook-timestamp} (epoch
 * seconds) and {@code webhook-signature}, a space-separated list of {@code v1,<base64 HMAC-SHA256>} over
 * {@code id + "." + timestamp + "." + raw body}, keyed with the base64-decoded secret after {@code whsec_}. Any v1
 * matching any configured secret verifies; other versions ({@code v1a}, asymmetric) are skipped. Timestamps
 * must be within the tolerance either way. Svix's {@code svix-*} header names are accepted as well.
 */
public final class StandardWebhookSource implements WebhookSource {

    static final String STREAM = "webhook";
    static final String VERSION = "v1";
    static final String[] PREFIXES = {"webhook-", "svix-"};

    private final String name;
    private final List<byte[]> keys;
    private final TimestampWindow window;
    private final ObjectMapper mapper;

    StandardWebhookSource(String name, List<byte[]> keys, TimestampWindow window, ObjectMapper mapper) {
        this.name = name;
        this.keys = List.copyOf(keys);
        this.window = window;
        this.mapper = mapper;
    }

    /** The HMAC key of a {@code whsec_} secret, or empty when it is not base64. */
    static Optional<byte[]> key(String secret) {
        String encoded = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
        try {
            return Optional.of(Base64.getDecoder().decode(padded(encoded)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String padded(String base64) {
        int missing = (4 - base64.length() % 4) % 4;
        return missing == 3 ? base64 : base64 + "=".repeat(missing);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean configured() {
        return !keys.isEmpty();
    }

    @Override
    public WebhookOutcome receive(WebhookRequest request) {
        String id = header(request, "id");
        verify(request, id);
        JsonNode body = JsonBodies.parse(mapper, request.body());
        String type = body.path("type").asText("");
        return new WebhookOutcome.Event(id, STREAM, type.isEmpty() ? "webhook" : type, body);
    }

    private void verify(WebhookRequest request, String id) {
        String timestamp = header(request, "timestamp");
        String signatures = header(request, "signature");
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            throw RequestRejectedException.unauthorized("invalid_timestamp", "webhook-timestamp must be epoch seconds");
        }
        window.check(Instant.ofEpochSecond(seconds), "webhook-timestamp");
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        boolean matched = false;
        for (byte[] key : keys) {
            String expected = Base64.getEncoder().encodeToString(Hmac.compute(Hmac.SHA256, key, prefix, request.body()));
            for (String entry : signatures.split(" ")) {
                String[] parts = entry.split(",", 2);
                if (parts.length == 2 && VERSION.equals(parts[0])) {
                    matched |= Hmac.constantTimeEquals(expected, parts[1]);
                }
            }
        }
        if (!matched) {
            throw RequestRejectedException.unauthorized("invalid_signature",
                    "no v1 signature in webhook-signature matches id, timestamp and body for any configured secret");
        }
    }

    /** webhook-&lt;name&gt;, else svix-&lt;name&gt;. */
    private static String header(WebhookRequest request, String name) {
        for (String prefix : PREFIXES) {
            Optional<String> value = request.header(prefix + name);
            if (value.isPresent()) {
                return value.get();
            }
        }
        throw RequestRejectedException.unauthorized("missing_signature", "webhook-" + name + " header is missing");
    }
}
