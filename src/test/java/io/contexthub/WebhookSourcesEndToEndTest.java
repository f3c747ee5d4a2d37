package io.contexthub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.stripe.net.Webhook;
import io.contexthub.store.ContextStore;
import io.contexthub.support.Fixtures;
import io.contexthub.support.HubClient;
import io.contexthub.support.HubSpotSigner;
import io.contexthub.support.WebhookHubTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Stripe, HubSpot, Front rule webhooks and a Standard Webhooks sender through the real HTTP port, signed by the
 * vendors' libraries (or, for HubSpot, by its documented formula), staged, mapped and stored.
 */
@WebhookHubTest
class WebhookSourcesEndToEndTest {

    static final String ACME_SECRET = WebhookHubTest.ACME_SECRET;
    static final Duration PROCESSING = Duration.ofSeconds(30);

    @LocalServerPort
    int port;
    @Autowired
    ContextStore store;

    HubClient hub() {
        return new HubClient(port, WebhookHubTest.TOKEN);
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }

    HubClient.Reply postStripe(Fixtures fixture) throws Exception {
        String body = fixture.json().path("raw_body").asText();
        String signature = Webhook.Signature.generateSignatureHeader(body, fixture.testSecret(), now());
        return hub().post("/webhooks/stripe", Map.of("content-type", "application/json",
                "stripe-signature", signature), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void frontRuleWebhooksAreVerifiedAndIndexedLikeTheApplicationWebhooks() throws Exception {
        Fixtures inbound = Fixtures.load("front-webhook-inbound.json");
        String documented = inbound.json().path("alternate_rule_webhook").path("x-front-signature").asText();
        var reply = hub().post("/webhooks/frontapp", Map.of("content-type", "application/json",
                "x-front-signature", documented), inbound.rawBody());
        // what a rule sends: the Event itself, here another message of the conversation
        byte[] event = new String(inbound.rawBody(), StandardCharsets.UTF_8).replace("evt_3s78kxhw", "evt_rule1")
                .replace("msg_1sagx9sk", "msg_rule1").replace("When will it be delivered?", "Any news on my parcel?")
                .getBytes(StandardCharsets.UTF_8);
        byte[] bare = new com.fasterxml.jackson.databind.ObjectMapper().readTree(event).path("payload").toString()
                .getBytes(StandardCharsets.UTF_8);
        String signature = java.util.Base64.getEncoder().encodeToString(io.contexthub.webhook.Hmac.compute(
                io.contexthub.webhook.Hmac.SHA1, WebhookHubTest.FRONT_RULE_SECRET.getBytes(StandardCharsets.UTF_8), bare));
        var bareReply = hub().post("/webhooks/frontapp", Map.of("content-type", "application/json",
                "x-front-signature", signature), bare);
        var forged = hub().post("/webhooks/frontapp", Map.of("content-type", "application/json",
                "x-front-signature", signature), inbound.rawBody());

        assertThat(reply.status()).isEqualTo(202);
        assertThat(bareReply.status()).isEqualTo(202);
        assertThat(bareReply.json().path("eventId").asText()).isEqualTo("frontapp:evt_rule1");
        assertThat(forged.status()).isEqualTo(401);
        await().atMost(PROCESSING).until(() -> store.get("event", "event:frontapp:msg_1sagx9sk").isPresent()
                && store.get("event", "event:frontapp:msg_rule1").isPresent());
        assertThat(store.get("event", "event:frontapp:msg_rule1").orElseThrow().json())
                .contains("Any news on my parcel?");
        assertThat(hub().post("/webhooks/frontapp", Map.of("content-type", "application/json",
                "x-front-signature", signature), bare).status()).as("redelivery").isEqualTo(200);
    }

    @Test
    void stripeInvoicesAndCustomersBecomeDocuments() throws Exception {
        var invoice = postStripe(Fixtures.load("stripe-invoice-paid.json"));
        var customer = postStripe(Fixtures.load("stripe-customer-created.json"));

        assertThat(invoice.status()).isEqualTo(202);
        assertThat(invoice.json().path("eventId").asText()).isEqualTo("stripe:evt_1Pgc7QB7WZ01zgkWpTkXWvqM");
        assertThat(customer.status()).isEqualTo(202);
        await().atMost(PROCESSING).until(() -> store.get("invoice", "invoice:stripe:in_1Pgc6tB7WZ01zgkWu9fdqL6I")
                .isPresent() && store.get("customer", "customer:stripe:cus_QXg1o8vcGmoR32").isPresent());
        assertThat(store.get("invoice", "invoice:stripe:in_1Pgc6tB7WZ01zgkWu9fdqL6I").orElseThrow().json())
                .contains("\"status\":\"paid\"").contains("\"total\":1000");
        assertThat(postStripe(Fixtures.load("stripe-invoice-paid.json")).status()).as("redelivery").isEqualTo(200);
    }

    @Test
    void aHubSpotBatchIsStagedPerEventAndARedeliveryIsAllDuplicates() {
        Fixtures fixture = Fixtures.load("hubspot-webhook.json");
        String body = fixture.json().path("raw_body").asText();
        long timestamp = System.currentTimeMillis();
        String url = "http://localhost:" + port + "/webhooks/hubspot";
        Map<String, String> headers = Map.of("content-type", "application/json",
                "X-HubSpot-Signature-v3", HubSpotSigner.v3(fixture.testSecret(), "POST", url, body, timestamp),
                "X-HubSpot-Request-Timestamp", Long.toString(timestamp));

        var first = hub().post("/webhooks/hubspot", headers, body.getBytes(StandardCharsets.UTF_8));
        var again = hub().post("/webhooks/hubspot", headers, body.getBytes(StandardCharsets.UTF_8));

        assertThat(first.status()).isEqualTo(202);
        assertThat(first.json().path("staged").toString()).isEqualTo("[\"hubspot:1\",\"hubspot:2\"]");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("duplicates").toString()).isEqualTo("[\"hubspot:1\",\"hubspot:2\"]");
        await().atMost(PROCESSING).until(() -> store.get("event", "event:hubspot:1").isPresent()
                && store.get("event", "event:hubspot:2").isPresent()
                && store.get("customer", "customer:hubspot:contacts/123").isPresent());
        assertThat(store.get("event", "event:hubspot:2").orElseThrow().json()).contains("lifecyclestage");
    }

    @Test
    void aStandardWebhooksSenderNamedInConfigurationHasItsOwnEndpoint() throws Exception {
        String body = "{\"type\":\"subscription.renewed\",\"timestamp\":\"2026-11-23T06:00:00Z\","
                + "\"data\":{\"plan\":\"pro\",\"email\":\"ops@acme.io\"}}";
        long timestamp = now();
        String signature = new com.standardwebhooks.Webhook(ACME_SECRET).sign("msg_e2e", timestamp, body);

        var reply = hub().post("/webhooks/acme", Map.of("content-type", "application/json", "webhook-id", "msg_e2e",
                "webhook-timestamp", Long.toString(timestamp), "webhook-signature", signature),
                body.getBytes(StandardCharsets.UTF_8));
        var tampered = hub().post("/webhooks/acme", Map.of("content-type", "application/json",
                "webhook-id", "msg_e2e", "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", signature), body.replace("pro", "free").getBytes(StandardCharsets.UTF_8));
        var unknown = hub().post("/webhooks/nobody", Map.of("content-type", "application/json", "webhook-id", "m",
                "webhook-timestamp", Long.toString(timestamp), "webhook-signature", signature),
                body.getBytes(StandardCharsets.UTF_8));

        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.json().path("eventId").asText()).isEqualTo("acme:msg_e2e");
        assertThat(tampered.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(404);
        await().atMost(PROCESSING).until(() -> store.get("event", "event:acme:msg_e2e").isPresent());
        assertThat(store.get("event", "event:acme:msg_e2e").orElseThrow().json())
                .contains("\"eventType\":\"subscription.renewed\"");
    }
}
