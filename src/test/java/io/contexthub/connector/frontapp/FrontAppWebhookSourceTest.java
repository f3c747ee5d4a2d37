package io.contexthub.connector.frontapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.platform.RequestRejectedException;
import io.contexthub.support.Fixtures;
import io.contexthub.support.FrontSigner;
import io.contexthub.support.WebhookSettings;
import io.contexthub.webhook.WebhookOutcome;
import io.contexthub.webhook.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrontAppWebhookSourceTest {

    static final Fixtures INBOUND = Fixtures.load("front-webhook-inbound.json");
    static final Fixtures SYNC = Fixtures.load("front-webhook-sync-challenge.json");
    static final String SECRET = INBOUND.testSecret("application_signing_key");
    static final long SIGNED_AT = Long.parseLong(INBOUND.header("x-front-request-timestamp"));

    private static FrontAppWebhookSource source(Instant now, String... secrets) {
        return new FrontAppWebhookSource(WebhookSettings.front(secrets), WebhookSettings.shared(),
                Clock.fixed(now, ZoneOffset.UTC), new ObjectMapper());
    }

    private static WebhookRequest request(Fixtures fixture) {
        return request(fixture.rawBody(), headersOf(fixture));
    }

    private static Map<String, String> headersOf(Fixtures fixture) {
        Map<String, String> headers = new HashMap<>();
        fixture.json().path("request").path("headers").fields()
                .forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
        return headers;
    }

    private static WebhookRequest request(byte[] body, Map<String, String> headers) {
        return new WebhookRequest(body, headers);
    }

    @Test
    void acceptsTheDocumentedInboundWebhookAndKeysItByTheFrontEventId() {
        var outcome = source(Instant.ofEpochMilli(SIGNED_AT), SECRET).receive(request(INBOUND));

        assertThat(outcome).isInstanceOfSatisfying(WebhookOutcome.Event.class, event -> {
            assertThat(event.eventId()).isEqualTo("evt_3s78kxhw");
            assertThat(event.type()).isEqualTo("inbound_received");
            assertThat(event.stream()).isEqualTo("events");
            assertThat(event.payload().path("payload").path("id").asText()).isEqualTo("evt_3s78kxhw");
        });
    }

    @Test
    void answersTheSyncValidationRequestWithItsChallenge() {
        long signedAt = Long.parseLong(SYNC.header("x-front-request-timestamp"));
        var outcome = source(Instant.ofEpochMilli(signedAt), SECRET).receive(request(SYNC));

        assertThat(outcome).isInstanceOfSatisfying(WebhookOutcome.Handshake.class, handshake ->
                assertThat(handshake.responseBody().toString())
                        .isEqualTo(SYNC.json().path("expected_response").path("body").toString()));
    }

    @Test
    void verifiesTheSyncRequestToo() {
        long signedAt = Long.parseLong(SYNC.header("x-front-request-timestamp"));
        var headers = headersOf(SYNC);
        headers.put("x-front-signature", FrontSigner.signature("another-secret", signedAt, SYNC.rawBody()));

        assertRejected(() -> source(Instant.ofEpochMilli(signedAt), SECRET).receive(request(SYNC.rawBody(), headers)),
                401, "invalid_signature");
    }

    @Test
    void rejectsAWrongKey() {
        assertRejected(() -> source(Instant.ofEpochMilli(SIGNED_AT), "not-the-signing-key").receive(request(INBOUND)),
                401, "invalid_signature");
    }

    @Test
    void rejectsATamperedBody() {
        byte[] tampered = new String(INBOUND.rawBody(), StandardCharsets.UTF_8)
                .replace("When will it be delivered?", "Please refund me now.").getBytes(StandardCharsets.UTF_8);

        assertRejected(() -> source(Instant.ofEpochMilli(SIGNED_AT), SECRET)
                .receive(request(tampered, headersOf(INBOUND))), 401, "invalid_signature");
    }

    @Test
    void rejectsATamperedTimestampEvenWithinTheWindow() {
        var headers = headersOf(INBOUND);
        headers.put("x-front-request-timestamp", Long.toString(SIGNED_AT + 1000));

        assertRejected(() -> source(Instant.ofEpochMilli(SIGNED_AT), SECRET)
                .receive(request(INBOUND.rawBody(), headers)), 401, "invalid_signature");
    }

    @Test
    void rejectsAStaleTimestamp() {
        Instant sixMinutesLater = Instant.ofEpochMilli(SIGNED_AT).plus(Duration.ofMinutes(6));

        assertRejected(() -> source(sixMinutesLater, SECRET).receive(request(INBOUND)), 401, "stale_signature");
    }

    @Test
    void rejectsATimestampFromTheFuture() {
        Instant sixMinutesEarlier = Instant.ofEpochMilli(SIGNED_AT).minus(Duration.ofMinutes(6));

        assertRejected(() -> source(sixMinutesEarlier, SECRET).receive(request(INBOUND)), 401, "stale_signature");
    }

    @Test
    void acceptsTimestampsJustInsideTheToleranceOnBothSides() {
        Instant signed = Instant.ofEpochMilli(SIGNED_AT);
        assertThat(source(signed.plus(Duration.ofMinutes(5)), SECRET).receive(request(INBOUND)))
                .isInstanceOf(WebhookOutcome.Event.class);
        assertThat(source(signed.minus(Duration.ofMinutes(5)), SECRET).receive(request(INBOUND)))
                .isInstanceOf(WebhookOutcome.Event.class);
    }

    @Test
    void rejectsMissingSignatureOrTimestampHeaders() {
        var noSignature = headersOf(INBOUND);
        noSignature.remove("x-front-signature");
        var noTimestamp = headersOf(INBOUND);
        noTimestamp.remove("x-front-request-timestamp");
        var source = source(Instant.ofEpochMilli(SIGNED_AT), SECRET);

        assertRejected(() -> source.receive(request(INBOUND.rawBody(), noSignature)), 401, "missing_signature");
        assertRejected(() -> source.receive(request(INBOUND.rawBody(), noTimestamp)), 401, "missing_signature");
    }

    @Test
    void rejectsATimestampThatIsNotEpochMillis() {
        var headers = headersOf(INBOUND);
        headers.put("x-front-request-timestamp", "2023-09-07T00:27:51Z");

        assertRejected(() -> source(Instant.ofEpochMilli(SIGNED_AT), SECRET)
                .receive(request(INBOUND.rawBody(), headers)), 401, "invalid_timestamp");
    }

    @Test
    void acceptsAnyOfSeveralSecretsWhileRotating() {
        var outcome = source(Instant.ofEpochMilli(SIGNED_AT), "the-new-secret", SECRET).receive(request(INBOUND));
        assertThat(outcome).isInstanceOf(WebhookOutcome.Event.class);

        var headers = FrontSigner.headers("the-new-secret", SIGNED_AT, INBOUND.rawBody());
        assertThat(source(Instant.ofEpochMilli(SIGNED_AT), "the-new-secret", SECRET)
                .receive(request(INBOUND.rawBody(), headers))).isInstanceOf(WebhookOutcome.Event.class);
    }

    @Test
    void readsHeadersCaseInsensitively() {
        Map<String, String> upper = new HashMap<>();
        headersOf(INBOUND).forEach((k, v) -> upper.put(k.toUpperCase(), v));

        assertThat(source(Instant.ofEpochMilli(SIGNED_AT), SECRET).receive(request(INBOUND.rawBody(), upper)))
                .isInstanceOf(WebhookOutcome.Event.class);
    }

    @Test
    void aCorrectlySignedBodyThatIsNotJsonIsABadRequest() {
        byte[] body = "not json at all".getBytes(StandardCharsets.UTF_8);
        var headers = FrontSigner.headers(SECRET, SIGNED_AT, body);

        assertRejected(() -> source(Instant.ofEpochMilli(SIGNED_AT), SECRET).receive(request(body, headers)),
                400, "malformed_json");
    }

    @Test
    void aSignedEventWithoutPayloadIdIsABadRequest() {
        byte[] body = "{\"type\":\"inbound_received\",\"payload\":{}}".getBytes(StandardCharsets.UTF_8);
        var headers = FrontSigner.headers(SECRET, SIGNED_AT, body);

        assertRejected(() -> source(Instant.ofEpochMilli(SIGNED_AT), SECRET).receive(request(body, headers)),
                400, "malformed_event");
    }

    // Rule webhooks: HMAC-SHA1 of the raw body under the company API secret, no timestamp.

    static final String API_SECRET = INBOUND.testSecret("rule_webhook_api_secret");
    static final String RULE_SIGNATURE = INBOUND.json().path("alternate_rule_webhook").path("x-front-signature").asText();

    private static FrontAppWebhookSource withRules(String... ruleSecrets) {
        return new FrontAppWebhookSource(WebhookSettings.frontWithRules(List.of(SECRET), List.of(ruleSecrets)),
                WebhookSettings.shared(), Clock.fixed(Instant.ofEpochMilli(SIGNED_AT), ZoneOffset.UTC), new ObjectMapper());
    }

    private static String sha1(String secret, byte[] body) {
        return Base64.getEncoder().encodeToString(io.contexthub.webhook.Hmac.compute(io.contexthub.webhook.Hmac.SHA1,
                secret.getBytes(StandardCharsets.UTF_8), body));
    }

    @Test
    void acceptsTheDocumentedRuleWebhookSignature() {
        var outcome = withRules(API_SECRET).receive(request(INBOUND.rawBody(), Map.of("x-front-signature",
                RULE_SIGNATURE)));

        assertThat(outcome).isInstanceOfSatisfying(WebhookOutcome.Event.class, event -> {
            assertThat(event.eventId()).as("the same key as the application webhook").isEqualTo("evt_3s78kxhw");
            assertThat(event.stream()).isEqualTo("events");
        });
    }

    @Test
    void aRuleWebhookCarryingTheBareEventIsStagedInTheSharedEnvelope() throws Exception {
        byte[] event = new ObjectMapper().readTree(INBOUND.rawBody()).path("payload").toString()
                .getBytes(StandardCharsets.UTF_8);

        var outcome = withRules("old-api-secret", API_SECRET).receive(request(event, Map.of("X-Front-Signature",
                sha1(API_SECRET, event))));

        assertThat(outcome).isInstanceOfSatisfying(WebhookOutcome.Event.class, staged -> {
            assertThat(staged.eventId()).isEqualTo("evt_3s78kxhw");
            assertThat(staged.type()).isEqualTo("inbound");
            assertThat(staged.payload().path("type").asText()).isEqualTo("inbound");
            assertThat(staged.payload().path("payload").path("target").path("data").path("id").asText())
                    .isEqualTo("msg_1sagx9sk");
        });
    }

    @Test
    void rejectsRuleWebhooksThatAreTamperedOrSignedWithAnotherSecret() {
        byte[] tampered = new String(INBOUND.rawBody(), StandardCharsets.UTF_8)
                .replace("When will it be delivered?", "Please refund me now.").getBytes(StandardCharsets.UTF_8);

        assertRejected(() -> withRules(API_SECRET).receive(request(tampered, Map.of("x-front-signature",
                RULE_SIGNATURE))), 401, "invalid_signature");
        assertRejected(() -> withRules("another-api-secret").receive(request(INBOUND.rawBody(),
                Map.of("x-front-signature", RULE_SIGNATURE))), 401, "invalid_signature");
        String flipped = (RULE_SIGNATURE.charAt(0) == 'A' ? "B" : "A") + RULE_SIGNATURE.substring(1);
        assertRejected(() -> withRules(API_SECRET).receive(request(INBOUND.rawBody(), Map.of(
                "x-front-signature", flipped))), 401, "invalid_signature");
    }

    @Test
    void withoutARuleSecretATimestamplessRequestIsRefused() {
        assertRejected(() -> source(Instant.ofEpochMilli(SIGNED_AT), SECRET).receive(request(INBOUND.rawBody(),
                Map.of("x-front-signature", RULE_SIGNATURE))), 401, "missing_signature");
    }

    @Test
    void anApplicationWebhookIsStillCheckedAsOneWhenRuleSecretsAreSet() {
        var source = withRules(API_SECRET);
        assertThat(source.receive(request(INBOUND))).isInstanceOf(WebhookOutcome.Event.class);
        var headers = headersOf(INBOUND);
        headers.put("x-front-signature", RULE_SIGNATURE);
        assertRejected(() -> source.receive(request(INBOUND.rawBody(), headers)), 401, "invalid_signature");
    }

    @Test
    void anEventPreviewIsStagedUnderItsOwnKeySoTheFullEventIsNotItsDuplicate() {
        byte[] preview = ("{\"_links\":{\"self\":\"https://x.api.frontapp.com/events/evt_p1\"},\"id\":\"evt_p1\","
                + "\"type\":\"inbound\",\"emitted_at\":1694046470.93,\"conversation\":{\"_links\":{\"self\":"
                + "\"https://x.api.frontapp.com/conversations/cnv_1\"},\"id\":\"cnv_1\"},\"target\":{\"_meta\":"
                + "{\"type\":\"message\"},\"data\":{\"id\":\"msg_p1\"}}}").getBytes(StandardCharsets.UTF_8);

        var outcome = withRules(API_SECRET).receive(request(preview, Map.of("x-front-signature",
                sha1(API_SECRET, preview))));

        assertThat(outcome).isInstanceOfSatisfying(WebhookOutcome.Event.class, staged -> {
            assertThat(staged.eventId()).isEqualTo("evt_p1:preview");
            assertThat(staged.type()).isEqualTo("preview");
            assertThat(staged.payload().path("type").asText()).isEqualTo("preview");
            assertThat(staged.payload().path("payload").path("id").asText()).isEqualTo("evt_p1");
        });
    }

    @Test
    void aSignedRuleWebhookWithoutAnEventIdIsABadRequest() {
        byte[] body = "{\"type\":\"tag\"}".getBytes(StandardCharsets.UTF_8);

        assertRejected(() -> withRules(API_SECRET).receive(request(body, Map.of("x-front-signature",
                sha1(API_SECRET, body)))), 400, "malformed_event");
    }

    private static void assertRejected(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, int status,
                                       String error) {
        assertThatThrownBy(call).isInstanceOfSatisfying(RequestRejectedException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.error()).isEqualTo(error);
            assertThat(e.detail()).doesNotContain(SECRET).doesNotContain(API_SECRET);
        });
    }
}
