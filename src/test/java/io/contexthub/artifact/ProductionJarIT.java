package io.contexthub.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.contexthub.support.FrontEvents;
import io.contexthub.support.HubClient;
import io.contexthub.support.PackagedHub;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The packaged jar on the production backbone, as the README's production command runs it: staging on a Kafka
 * broker, documents in OpenSearch. Also what the backbone's outages do to it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProductionJarIT {

    static ProductionBackbone backbone;
    static PackagedHub hub;

    @BeforeAll
    static void start() {
        backbone = new ProductionBackbone();
        hub = PackagedHub.create("production", backbone.settings());
        hub.start();
    }

    @AfterAll
    static void stop() {
        hub.close();
        backbone.close();
    }

    @Test
    @Order(1)
    void aSignedFrontWebhookGoesThroughKafkaIntoOpenSearchAndIsFoundByAParaphrase() throws Exception {
        assertThat(hub.log()).contains("classpath:hub/routes/staging/kafka.yaml")
                .contains("routes checked: staging, stage.kafka.consume and processing are in place");
        HubClient client = hub.client();
        byte[] body = FrontEvents.inbound("evt_prod1", "msg_prod1",
                "The parcel I ordered three weeks ago never arrived. Can you tell me where it is?",
                "prod.buyer@example.org");
        assertThat(client.postFront(FrontEvents.SECRET, body).status()).isEqualTo(202);

        PackagedJarIT.awaitFound(client, "where is my delivery", "event:frontapp:msg_prod1");
        // the sender's record went through the identity step into <prefix>-identity: its e-mail finds its profile
        var profile = await().atMost(Duration.ofSeconds(30)).until(
                () -> client.api("GET", "/api/profiles/prod.buyer@example.org"), reply -> reply.status() == 200).json();
        assertThat(profile.path("profile").asText()).startsWith("profile:frontapp:");
        assertThat(profile.path("members")).isNotEmpty();
        assertThat(client.postFront(FrontEvents.SECRET, body).json().path("status").asText()).isEqualTo("duplicate");
        // the audit trail is the shared chain in <prefix>-audit (HUB_AUDIT_KEY set)
        assertThat(backbone.count("audit")).isEqualTo(1);
        assertThat(client.api("GET", "/api/audit/verify").json().path("valid").asBoolean()).isTrue();
    }

    @Test
    @Order(2)
    void aWebhookRefusedWhileTheBrokerIsDownIsStagedWhenItComesBackNotCalledADuplicate() {
        HubClient client = hub.client();
        byte[] body = FrontEvents.inbound("evt_outage", "msg_outage", "Sent while the broker was down", null);
        backbone.kafka.stop();
        var refused = client.postFront(FrontEvents.SECRET, body);
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.json().path("error").asText()).isEqualTo("staging_unavailable");
        // the sender's retry, still during the outage: refused again, not taken for a duplicate
        assertThat(client.postFront(FrontEvents.SECRET, body).status()).isEqualTo(503);

        backbone.kafka.resume();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> client.postFront(FrontEvents.SECRET, body).status() / 100 == 2);
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(
                client.api("GET", "/api/context/event/event:frontapp:msg_outage").status()).isEqualTo(200));
        assertThat(client.postFront(FrontEvents.SECRET, body).json().path("status").asText()).isEqualTo("duplicate");
    }

    @Test
    @Order(3)
    void aStoreOutageIsWaitedOutWithBackoffAndTheConsumerResumesByItself() {
        HubClient client = hub.client();
        int logBefore = hub.log().length();
        backbone.openSearch.cut();
        for (int i = 0; i < 10; i++) {
            byte[] body = FrontEvents.inbound("evt_store" + i, "msg_store" + i, "Sent while the store was down", null);
            assertThat(client.postFront(FrontEvents.SECRET, body).status()).isEqualTo(202);
        }
        // the outage lasts until the hub has given up on the batch twice (each time after its full backoff)
        java.time.Instant cut = java.time.Instant.now();
        String duringOutage;
        try {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> hub.log()
                    .substring(logBefore).lines().filter(l -> l.contains("batch not stored")).count() >= 5);
        } finally {
            duringOutage = hub.log().substring(logBefore);
            backbone.openSearch.restore();
        }
        Duration outage = Duration.between(cut, java.time.Instant.now());

        long lines = duringOutage.lines().count();
        long resubscriptions = duringOutage.lines().filter(l -> l.contains("Subscribing")
                || l.contains("Unsubscribed all topics")).count();
        System.out.printf("store outage of %d s on Kafka: %d log lines, %d consumer resubscriptions%n",
                outage.toSeconds(), lines, resubscriptions);
        // five attempts, each after a doubled wait (hub.processing.retry.initial-delay-millis=500): 0.5+1+2+4 s
        assertThat(outage).as("five batch attempts with backoff").isGreaterThan(Duration.ofMillis(7500));
        assertThat(lines).as("log lines during the store outage").isLessThan(400);
        assertThat(resubscriptions).as("consumer resubscriptions during the store outage").isLessThan(15);
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
            for (int i = 0; i < 10; i++) {
                assertThat(client.api("GET", "/api/context/event/event:frontapp:msg_store" + i).status())
                        .as("msg_store" + i).isEqualTo(200);
            }
        });
        assertThat(client.api("GET", "/api/dead-letters").json().path("deadLetters")).isEmpty();
    }

    @Test
    @Order(4)
    void aRestartedHubKeepsEverything() {
        hub.terminate(Duration.ofSeconds(45));
        hub.start();
        HubClient client = hub.client();
        assertThat(client.api("GET", "/api/context/event/event:frontapp:msg_prod1").status()).isEqualTo(200);
        byte[] body = FrontEvents.inbound("evt_prod1", "msg_prod1", "again", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> client.postFront(FrontEvents.SECRET, body).json()
                .path("status").asText().equals("duplicate"));
        var verified = client.api("GET", "/api/audit/verify").json();
        assertThat(verified.path("valid").asBoolean()).as(verified.toString()).isTrue();
        assertThat(client.api("GET", "/api/audit?after=0&limit=100").json().path("entries").toString())
                .as("the restart went on with the chain in OpenSearch").contains("\"seq\":2,");
    }
}
