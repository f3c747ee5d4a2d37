package io.contexthub.connector.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.platform.RequestRejectedException;
import io.contexthub.support.Fixtures;
import io.contexthub.support.HubSpotSigner;
import io.contexthub.support.WebhookSettings;
import io.contexthub.webhook.WebhookOutcome;
import io.contexthub.webhook.WebhookRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class HubSpotWebhookSourceTest {

    static final Fixtures FIXTURE = Fixtures.load("hubspot-webhook.json");
    static final String SECRET = FIXTURE.testSecret();
    static final long SIGNED_AT = Long.parseLong(FIXTURE.header("X-HubSpot-Request-Timestamp"));
    static final String RAW = FIXTURE.json().path("raw_body").asText();
    static final URI PUBLIC = URI.create("https://hub.example.com");

    static HubSpotWebhookSource source(URI publicUrl, long nowMillis, String... secrets) {
        return new HubSpotWebhookSource(WebhookSettings.hubspot(publicUrl, secrets), WebhookSettings.shared(),
                Clock.fixed(Instant.ofEpochMilli(nowMillis), ZoneOffset.UTC), new ObjectMapper());
    }

    /** The request as platform-http hands it over: HTTP headers plus Camel's method, path and query. */
    static Map<String, String> received(String signature, long timestamp, String path, String query) {
        Map<String, String> headers = new HashMap<>();
        headers.put("x-hubspot-signature-v3", signature);
        headers.put("x-hubspot-request-timestamp", Long.toString(timestamp));
        headers.put("CamelHttpMethod", "POST");
        headers.put("CamelHttpUri", path);
        if (query != null) {
            headers.put("CamelHttpQuery", query);
        }
        headers.put("Host", "10.0.0.7:8080");
        return headers;
    }

    static WebhookRequest request(String body, Map<String, String> headers) {
        return new WebhookRequest(body.getBytes(StandardCharsets.UTF_8), headers);
    }

    @Test
    void theDocumentedBatchVerifiesAndSplitsIntoEventsKeyedByEventId() {
        var headers = received(FIXTURE.header("X-HubSpot-Signature-v3"), SIGNED_AT, "/webhooks/hubspot", null);

        var outcome = source(PUBLIC, SIGNED_AT, SECRET).receive(request(RAW, headers));

        assertThat(outcome).isInstanceOfSatisfying(WebhookOutcome.Batch.class, batch -> {
            assertThat(batch.events()).extracting(WebhookOutcome.Event::eventId).containsExactly("1", "2");
            assertThat(batch.events()).extracting(WebhookOutcome.Event::type)
                    .containsExactly("contact.creation", "contact.propertyChange");
            assertThat(batch.events().get(1).payload().path("propertyValue").asText()).isEqualTo("customer");
        });
    }

    @Test
    void behindAProxyTheUrlComesFromForwardedHeadersWhenNoPublicUrlIsSet() {
        var headers = received(FIXTURE.header("X-HubSpot-Signature-v3"), SIGNED_AT, "/webhooks/hubspot", null);
        headers.put("X-Forwarded-Proto", "https");
        headers.put("X-Forwarded-Host", "hub.example.com");

        assertThat(source(null, SIGNED_AT, SECRET).receive(request(RAW, headers)))
                .isInstanceOf(WebhookOutcome.Batch.class);
        headers.remove("X-Forwarded-Host");
        assertRejected(() -> source(null, SIGNED_AT, SECRET).receive(request(RAW, headers)), 401,
                "invalid_signature");
    }

    @Test
    void aPublicUrlWithAPathPrefixAndAQueryWithHubSpotsEscapesDecoded() {
        // HubSpot called https://example.com/context/webhooks/hubspot?portal=62515&cb=a%3Ab%2Fc%20d ; a proxy
        // stripped /context. HubSpot signs the URL with %3A and %2F decoded, %20 kept.
        String signed = "https://example.com/context/webhooks/hubspot?portal=62515&cb=a:b/c%20d";
        String signature = HubSpotSigner.v3(SECRET, "POST", signed, RAW, SIGNED_AT);
        var headers = received(signature, SIGNED_AT, "/webhooks/hubspot", "portal=62515&cb=a%3Ab%2Fc%20d");

        var source = source(URI.create("https://example.com/context/"), SIGNED_AT, SECRET);

        assertThat(source.signedUri(request(RAW, headers))).isEqualTo(signed);
        assertThat(source.receive(request(RAW, headers))).isInstanceOf(WebhookOutcome.Batch.class);
    }

    @Test
    void refusesTamperingAWrongSecretAStaleTimestampAndV1Alone() {
        var headers = received(FIXTURE.header("X-HubSpot-Signature-v3"), SIGNED_AT, "/webhooks/hubspot", null);

        assertRejected(() -> source(PUBLIC, SIGNED_AT, SECRET).receive(request(RAW.replace("123", "124"), headers)),
                401, "invalid_signature");
        assertRejected(() -> source(PUBLIC, SIGNED_AT, "another-secret").receive(request(RAW, headers)),
                401, "invalid_signature");
        assertRejected(() -> source(PUBLIC, SIGNED_AT + 300_001, SECRET).receive(request(RAW, headers)),
                401, "stale_signature");
        assertThat(source(PUBLIC, SIGNED_AT + 300_000, SECRET).receive(request(RAW, headers)))
                .as("exactly five minutes old is still fresh").isInstanceOf(WebhookOutcome.Batch.class);

        Map<String, String> v1Only = new HashMap<>();
        v1Only.put("X-HubSpot-Signature-Version", "v1");
        v1Only.put("X-HubSpot-Signature", FIXTURE.header("X-HubSpot-Signature"));
        assertRejected(() -> source(PUBLIC, SIGNED_AT, SECRET).receive(request(RAW, v1Only)),
                401, "missing_signature");
    }

    @Test
    void aBodyThatIsNotABatchOfEventsIsABadRequest() {
        String single = "{\"eventId\":5,\"subscriptionType\":\"contact.creation\"}";
        var headers = received(HubSpotSigner.v3(SECRET, "POST", "https://hub.example.com/webhooks/hubspot", single,
                SIGNED_AT), SIGNED_AT, "/webhooks/hubspot", null);

        assertRejected(() -> source(PUBLIC, SIGNED_AT, SECRET).receive(request(single, headers)),
                400, "malformed_event");
    }

    static void assertRejected(ThrowingCallable call, int status, String error) {
        assertThatThrownBy(call).isInstanceOfSatisfying(RequestRejectedException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.error()).isEqualTo(error);
        });
    }
}
