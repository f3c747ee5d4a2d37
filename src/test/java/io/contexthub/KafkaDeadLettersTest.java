package io.contexthub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.contexthub.support.FrontEvents;
import io.contexthub.support.HubClient;
import io.contexthub.support.HubTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.TestPropertySource;

/** The dead-letter API on Kafka staging: letters read from hub.dlq, a redrive staged again and then hidden. */
@EmbeddedKafka(kraft = true, partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@HubTest
@TestPropertySource(properties = {
        "hub.api.token=dlq-token",
        "hub.webhooks.frontapp.secret=front_test_app_signing_key",
        "hub.staging=kafka",
        "hub.kafka.partitions=1",
        "hub.processing.batch.timeout-millis=50"})
class KafkaDeadLettersTest {


    @LocalServerPort
    int port;

    List<String> lettersFor(HubClient hub, String key) {
        JsonNode letters = hub.api("GET", "/api/dead-letters").json().path("deadLetters");
        return java.util.stream.StreamSupport.stream(letters.spliterator(), false)
                .filter(l -> key.equals(l.path("idempotencyKey").asText())).map(l -> l.path("id").asText()).toList();
    }

    @Test
    void deadLettersAreReadFromTheTopicAndARedriveHidesTheOldOne() {
        HubClient hub = new HubClient(port, "dlq-token");
        byte[] body = FrontEvents.inbound("evt_kdlq", "msg_kdlq", "A message from a broken address", "kdlq@");
        assertThat(hub.postFront(FrontEvents.SECRET, body).status()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(60)).until(() -> lettersFor(hub, "frontapp:evt_kdlq").size() == 1);
        String id = lettersFor(hub, "frontapp:evt_kdlq").get(0);
        assertThat(hub.api("GET", "/api/dead-letters/" + id).json().path("stage").asText()).isEqualTo("validate");

        assertThat(hub.api("POST", "/api/dead-letters/" + id + "/redrive").status()).isEqualTo(202);

        // staged again on hub.inbound.frontapp, refused again by validation: a new letter, the old one hidden
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            List<String> ids = lettersFor(hub, "frontapp:evt_kdlq");
            return ids.size() == 1 && !ids.contains(id);
        });
        assertThat(hub.api("GET", "/api/dead-letters/" + id).status()).isEqualTo(404);
    }
}
