package io.contexthub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.contexthub.staging.DeliveryKeys;
import io.contexthub.store.ContextStore;
import io.contexthub.support.ErasedPerson;
import io.contexthub.support.Fixtures;
import io.contexthub.support.FrontApiStub;
import io.contexthub.support.FrontEvents;
import io.contexthub.support.HubClient;
import io.contexthub.support.ProductionHub;
import io.contexthub.suppression.Suppressions;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The production backbone for real: a KRaft Kafka broker, a real OpenSearch node and two hub instances in one
 * consumer group. Every event is indexed exactly once, both instances do work, a redelivery to the other
 * instance is still a duplicate, and with Kafka gone senders get 503 instead of a hang.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaScaleOutTest {

    static final int EVENTS = 2000;
    static final String PREFIX = "scale" + UUID.randomUUID().toString().substring(0, 8);
    static EmbeddedKafkaKraftBroker kafka;
    static FrontApiStub front;
    static ConfigurableApplicationContext hubA;
    static ConfigurableApplicationContext hubB;

    static ConfigurableApplicationContext start() {
        return ProductionHub.start(kafka.getBrokersAsString(), PREFIX,
                "hub.webhooks.frontapp.secret=" + FrontEvents.SECRET,
                "hub.webhooks.rate-limit.requests=100000",
                "hub.kafka.partitions=4",
                "hub.webhooks.stripe.secret=whsec_test_secret",
                "hub.webhooks.hubspot.secret=yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy",
                // the deprecated form of declaring a sender, still read in this release
                "hub.webhooks.acme.secret=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "hub.connectors.frontapp.base-url=" + front.baseUrl(),
                "hub.connectors.frontapp.api-token=front-company-token",
                "hub.connectors.frontapp.requests-per-minute=6000",
                "hub.connectors.frontapp.burst-per-second=100",
                "hub.privacy.suppression-key=scale-out-suppression-key");
    }

    static HubClient client(ConfigurableApplicationContext hub) {
        return ProductionHub.client(hub);
    }

    static double written(ConfigurableApplicationContext hub) {
        return hub.getBean(MeterRegistry.class).find("hub.documents.written").counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    @BeforeAll
    static void startBackbone() {
        front = new FrontApiStub();
        kafka = new EmbeddedKafkaKraftBroker(1, 4);
        kafka.afterPropertiesSet();
        hubA = start();
        hubB = start();
    }

    @AfterAll
    static void stopBackbone() {
        if (hubA != null) {
            hubA.close();
        }
        if (hubB != null) {
            hubB.close();
        }
        if (kafka != null) {
            kafka.destroy();
        }
        front.close();
    }

    @Test
    @Order(1)
    void twoInstancesShareTheWorkAndIndexEveryEventExactlyOnce() {
        HubClient a = client(hubA);
        HubClient b = client(hubB);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            byte[] body = FrontEvents.inbound("evt_scale_" + i, "msg_scale_" + i,
                    "Order " + i + " has not arrived yet, can you check the shipment?", null);
            var reply = (i % 2 == 0 ? a : b).postFront(FrontEvents.SECRET, body);
            assertThat(reply.status()).as("event %d", i).isEqualTo(202);
            ids.add("event:frontapp:msg_scale_" + i);
        }

        ContextStore store = hubA.getBean(ContextStore.class);
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                .until(() -> store.count("event") >= EVENTS);

        assertThat(store.count("event")).isEqualTo(EVENTS);
        assertThat(ids).allSatisfy(id -> assertThat(store.get("event", id)).as(id).isPresent());
        assertThat(written(hubA)).as("documents written by instance A").isPositive();
        assertThat(written(hubB)).as("documents written by instance B").isPositive();
    }

    @Test
    @Order(4)
    void anErasureOnOneInstanceSuppressesLaterDeliveriesOnTheOther() {
        HubClient a = client(hubA);
        HubClient b = client(hubB);
        assertThat(ErasedPerson.post(a, "whsec_test_secret", ErasedPerson.customerEvent("evt_scale_era1",
                "customer.created", 1775000000)).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> a.api("GET", "/api/context/customer/customer:stripe:"
                + ErasedPerson.CUSTOMER).status() == 200);

        String job = ErasedPerson.erase(a, ProductionHub.API_TOKEN).json().path("id").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> "done".equals(a.api("GET", "/api/erasures/" + job).json()
                .path("state").asText()));
        Suppressions onB = hubB.getBean(Suppressions.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> onB.anySuppressed(List.of(ErasedPerson.EMAIL)));

        var later = ErasedPerson.post(b, "whsec_test_secret", ErasedPerson.customerEvent("evt_scale_era2",
                "customer.updated", 1775000500));
        assertThat(later.status()).isEqualTo(200);
        assertThat(later.json().path("status").asText()).isEqualTo("suppressed");
        assertThat(b.api("GET", "/api/context/customer/customer:stripe:" + ErasedPerson.CUSTOMER).status())
                .isEqualTo(410);
    }

    @Test
    @Order(2)
    void aRedeliveryToTheOtherInstanceIsStillADuplicate() {
        byte[] body = FrontEvents.inbound("evt_cross", "msg_cross", "Where is my refund?", null);
        assertThat(client(hubA).postFront(FrontEvents.SECRET, body).status()).isEqualTo(202);

        DeliveryKeys seenByB = hubB.getBean(DeliveryKeys.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> seenByB.seen("frontapp:evt_cross"));

        var again = client(hubB).postFront(FrontEvents.SECRET, body);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("status").asText()).isEqualTo("duplicate");
    }

    @Test
    @Order(3)
    void aSyncRunsOnOneInstanceAtATimeAndOtherSourcesLandInOpenSearchToo() throws Exception {
        // Front answers slowly, so the second instance asks while the first holds the stream's lease
        front.stub(FrontApiStub.firstPage("/contacts").willReturn(FrontApiStub.json(front.list(List.of(
                FrontApiStub.contact("crd_backbone1", "Noor Backbone", "noor@backbone.io", 1795200001.5)), null))
                .withFixedDelay(2000)));

        assertThat(client(hubA).api("POST", "/api/connectors/frontapp/sync?stream=contacts").status()).isEqualTo(202);
        assertThat(client(hubB).api("POST", "/api/connectors/frontapp/sync?stream=contacts").status()).isEqualTo(202);

        ContextStore store = hubA.getBean(ContextStore.class);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                store.get("customer", "customer:frontapp:crd_backbone1").isPresent());
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            var contacts = client(hubB).stream("frontapp", "contacts");
            return contacts.path("state").asText().equals("idle")
                    && contacts.path("cursor").asText().equals("1795200001.5");
        });
        assertThat(front.server().findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/contacts"))))
                .as("one run, on one instance").hasSize(1);

        Fixtures invoice = Fixtures.load("stripe-invoice-paid.json");
        String body = invoice.json().path("raw_body").asText();
        var reply = client(hubB).post("/webhooks/stripe", java.util.Map.of("content-type", "application/json",
                "stripe-signature", com.stripe.net.Webhook.Signature.generateSignatureHeader(body, invoice.testSecret(),
                        java.time.Instant.now().getEpochSecond())), body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(reply.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                store.get("invoice", "invoice:stripe:in_1Pgc6tB7WZ01zgkWu9fdqL6I").isPresent());

        // a HubSpot batch, split per event on its way through Kafka
        Fixtures hubspot = Fixtures.load("hubspot-webhook.json");
        String batch = hubspot.json().path("raw_body").asText();
        long now = System.currentTimeMillis();
        HubClient a = client(hubA);
        String url = a.base() + "/webhooks/hubspot";
        var hubspotReply = a.post("/webhooks/hubspot", java.util.Map.of("content-type", "application/json",
                "X-HubSpot-Signature-v3", io.contexthub.support.HubSpotSigner.v3(hubspot.testSecret(), "POST", url,
                        batch, now), "X-HubSpot-Request-Timestamp", Long.toString(now)),
                batch.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(hubspotReply.status()).isEqualTo(202);
        // a Standard Webhooks sender named only in configuration
        String event = "{\"type\":\"plan.changed\",\"timestamp\":\"2026-11-23T06:00:00Z\",\"data\":{\"plan\":\"pro\"}}";
        long seconds = java.time.Instant.now().getEpochSecond();
        var acmeReply = a.post("/webhooks/acme", java.util.Map.of("content-type", "application/json",
                "webhook-id", "msg_backbone", "webhook-timestamp", Long.toString(seconds), "webhook-signature",
                new com.standardwebhooks.Webhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").sign("msg_backbone", seconds,
                        event)), event.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(acmeReply.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> store.get("event", "event:hubspot:1").isPresent()
                && store.get("event", "event:hubspot:2").isPresent()
                && store.get("event", "event:acme:msg_backbone").isPresent());
    }

    @Test
    @Order(4)
    void withKafkaGoneSendersGet503InsteadOfAHang() {
        kafka.destroy();
        kafka = null;

        var reply = client(hubA).postFront(FrontEvents.SECRET,
                FrontEvents.inbound("evt_nokafka", "msg_nokafka", "Is anyone there?", null));

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.json().path("error").asText()).isEqualTo("staging_unavailable");
    }
}
