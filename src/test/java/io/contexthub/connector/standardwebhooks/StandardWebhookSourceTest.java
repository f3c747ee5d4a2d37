package io.contexthub.connector.standardwebhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import io.contexthub.platform.RequestRejectedException;
import io.contexthub.webhook.TimestampWindow;
import io.contexthub.webhook.WebhookOutcome;
import io.contexthub.webhook.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The Standard Webhooks scheme, checked against the reference Java library that senders sign with. */
class StandardWebhookSourceTest {

    /** 24 random bytes, base64, as the spec issues secrets. */
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String OTHER = "whsec_2Gz6Jx0k3kT4XQfJm0J4h7mKkQp8bP1e";
    static final long NOW = 1_795_400_000L;
    static final String BODY = "{\"type\":\"user.created\",\"timestamp\":\"2026-11-23T06:00:00Z\",\"data\":{\"id\":\"u1\"}}";

    static StandardWebhookSource source(long nowSeconds, String... secrets) {
        return new StandardWebhookSource("acme",
                List.of(secrets).stream().map(s -> StandardWebhookSource.key(s).orElseThrow()).toList(),
                new TimestampWindow(Clock.fixed(Instant.ofEpochSecond(nowSeconds), ZoneOffset.UTC),
                        Duration.ofMinutes(5)), new ObjectMapper());
    }

    static Map<String, String> headers(String prefix, String id, long timestamp, String signature) {
        Map<String, String> headers = new HashMap<>();
        headers.put(prefix + "id", id);
        headers.put(prefix + "timestamp", Long.toString(timestamp));
        headers.put(prefix + "signature", signature);
        return headers;
    }

    static WebhookRequest request(String body, Map<String, String> headers) {
        return new WebhookRequest(body.getBytes(StandardCharsets.UTF_8), headers);
    }

    static String sign(String secret, String id, long timestamp, String body) throws Exception {
        return new Webhook(secret).sign(id, timestamp, body);
    }

    @Test
    void acceptsWhatTheReferenceLibrarySignsAndKeysItByWebhookId() throws Exception {
        var headers = headers("webhook-", "msg_1", NOW, sign(SECRET, "msg_1", NOW, BODY));

        var outcome = source(NOW, SECRET).receive(request(BODY, headers));

        assertThat(outcome).isInstanceOfSatisfying(WebhookOutcome.Event.class, event -> {
            assertThat(event.eventId()).isEqualTo("msg_1");
            assertThat(event.type()).isEqualTo("user.created");
        });
    }

    @Test
    void acceptsSvixHeaderNamesSeveralSignaturesAndSecretsWithoutPrefixOrPadding() throws Exception {
        String signatures = "v1a,ignoredAsymmetricSignature " + sign(OTHER, "msg_2", NOW, BODY) + " "
                + sign(SECRET, "msg_2", NOW, BODY);
        var svix = headers("svix-", "msg_2", NOW, signatures);

        assertThat(source(NOW, SECRET).receive(request(BODY, svix))).isInstanceOf(WebhookOutcome.Event.class);
        String bare = SECRET.substring("whsec_".length()).replaceAll("=+$", "");
        assertThat(source(NOW, bare).receive(request(BODY, svix))).isInstanceOf(WebhookOutcome.Event.class);
    }

    @Test
    void refusesTamperingAnotherIdAWrongSecretAndTimestampsOutsideFiveMinutesEitherWay() throws Exception {
        String signature = sign(SECRET, "msg_3", NOW, BODY);

        assertRejected(() -> source(NOW, SECRET).receive(request(BODY.replace("u1", "u2"),
                headers("webhook-", "msg_3", NOW, signature))), 401, "invalid_signature");
        assertRejected(() -> source(NOW, SECRET).receive(request(BODY, headers("webhook-", "msg_4", NOW, signature))),
                401, "invalid_signature");
        assertRejected(() -> source(NOW, OTHER).receive(request(BODY, headers("webhook-", "msg_3", NOW, signature))),
                401, "invalid_signature");
        assertRejected(() -> source(NOW + 301, SECRET).receive(request(BODY,
                headers("webhook-", "msg_3", NOW, signature))), 401, "stale_signature");
        assertRejected(() -> source(NOW - 301, SECRET).receive(request(BODY,
                headers("webhook-", "msg_3", NOW, signature))), 401, "stale_signature");
        assertRejected(() -> source(NOW, SECRET).receive(request(BODY, Map.of())), 401, "missing_signature");
    }

    @Test
    void aSecretThatIsNotBase64IsNoKey() {
        assertThat(StandardWebhookSource.key("whsec_not base64!")).isEmpty();
    }

    static void assertRejected(ThrowingCallable call, int status, String error) {
        assertThatThrownBy(call).isInstanceOfSatisfying(RequestRejectedException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.error()).isEqualTo(error);
        });
    }
}
