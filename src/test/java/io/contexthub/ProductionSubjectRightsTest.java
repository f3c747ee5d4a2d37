package io.contexthub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.subject.ErasureJob;
import io.contexthub.subject.ErasureStore;
import io.contexthub.support.ErasedPerson;
import io.contexthub.support.HubClient;
import io.contexthub.support.OpenSearchTestNode;
import io.contexthub.support.ProductionHub;
import io.contexthub.sync.CheckpointStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Erasure on the production backbone (Kafka + OpenSearch): the same person as on the spool, staged through a real
 * broker and indexed in a real node. After the erasure nothing the API returns and nothing in the OpenSearch
 * indices (context store, identity, tombstones) holds her e-mail, name or phone, her dead letter is hidden, the
 * audit trail verifies, and a later webhook about her is suppressed. What stays by decision: the processed records
 * on the inbound topic, until its retention (docs/privacy.md). And a job another instance started and left (it
 * crashed) is answered for here and finished here once that instance's lease on it has run out.
 */
class ProductionSubjectRightsTest {

    static final String PREFIX = "era" + UUID.randomUUID().toString().substring(0, 8);
    static final String SECRET = "whsec_backbone_erasure";
    static final Duration PROCESSING = Duration.ofSeconds(60);
    static EmbeddedKafkaKraftBroker kafka;
    static ConfigurableApplicationContext hub;

    @BeforeAll
    static void start() throws Exception {
        kafka = new EmbeddedKafkaKraftBroker(1, 2);
        kafka.afterPropertiesSet();
        hub = ProductionHub.start(kafka.getBrokersAsString(), PREFIX, "hub.webhooks.stripe.secret=" + SECRET,
                "hub.processing.batch.timeout-millis=50", "hub.privacy.suppression-key=backbone-suppression-key",
                "hub.privacy.erasures.retry=200ms", "hub.audit.key=backbone-audit-key");
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
        if (kafka != null) {
            kafka.destroy();
        }
    }

    /** Every OpenSearch document of this hub's indices that mentions {@code text} anywhere. */
    static JsonNode openSearchHits(String text) throws Exception {
        HttpRequest refresh = HttpRequest.newBuilder(URI.create(OpenSearchTestNode.url() + "/" + PREFIX + "*/_refresh"))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpClient http = HttpClient.newHttpClient();
        http.send(refresh, HttpResponse.BodyHandlers.ofString());
        String query = "{\"query\":{\"query_string\":{\"query\":\"\\\"" + text + "\\\"\"}},\"size\":20}";
        HttpRequest search = HttpRequest.newBuilder(URI.create(OpenSearchTestNode.url() + "/" + PREFIX
                + "*/_search")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(query)).build();
        return new ObjectMapper().readTree(http.send(search, HttpResponse.BodyHandlers.ofString()).body())
                .path("hits").path("hits");
    }

    static int postingOfHerEmail() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(OpenSearchTestNode.url() + "/"
                + PREFIX + "-identity/_doc/" + java.net.URLEncoder.encode("key|email:" + ErasedPerson.EMAIL,
                java.nio.charset.StandardCharsets.UTF_8))).GET().build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    @Test
    void anErasedPersonIsGoneFromTheStoreIdentityAndDeadLettersAndLaterDeliveriesAreSuppressed() throws Exception {
        HubClient client = ProductionHub.client(hub);
        assertThat(ErasedPerson.post(client, SECRET, ErasedPerson.customerEvent("evt_bb_c1", "customer.created",
                1775000000)).status()).isEqualTo(202);
        assertThat(ErasedPerson.post(client, SECRET, ErasedPerson.invoiceEvent("evt_bb_i1", "in_Bb1", "eur"))
                .status()).isEqualTo(202);
        assertThat(ErasedPerson.post(client, SECRET, ErasedPerson.invoiceEvent("evt_bb_i2", "in_Bb2", "euro"))
                .status()).isEqualTo(202);
        await().atMost(PROCESSING).until(() -> client.api("GET", "/api/context/invoice/invoice:stripe:in_Bb1")
                .status() == 200 && client.api("GET", "/api/dead-letters?limit=500").body().contains("evt_bb_i2"));
        assertThat(openSearchHits(ErasedPerson.EMAIL)).as("her documents, before").isNotEmpty();
        await().atMost(PROCESSING).until(() -> postingOfHerEmail() == 200);

        HubClient.Reply requested = ErasedPerson.erase(client, ProductionHub.API_TOKEN);
        assertThat(requested.status()).isEqualTo(202);
        String job = requested.json().path("id").asText();
        await().atMost(PROCESSING).until(() -> "done".equals(client.api("GET", "/api/erasures/" + job).json()
                .path("state").asText()));

        JsonNode removed = client.api("GET", "/api/erasures/" + job).json().path("removed");
        assertThat(removed.path("customer").asInt()).isEqualTo(1);
        assertThat(removed.path("invoice").asInt()).isEqualTo(1);
        assertThat(removed.path("deadLetters").asInt()).isEqualTo(1);
        assertThat(client.api("GET", "/api/context/customer/customer:stripe:" + ErasedPerson.CUSTOMER).status())
                .isEqualTo(410);
        assertThat(client.api("GET", "/api/dead-letters?limit=500").body()).doesNotContain(ErasedPerson.EMAIL);
        assertThat(client.api("GET", "/api/context/search?q=" + ErasedPerson.EMAIL + "&includeDeleted=true").body())
                .doesNotContain(ErasedPerson.EMAIL);
        for (String trace : List.of(ErasedPerson.EMAIL, ErasedPerson.NAME, ErasedPerson.PHONE.substring(1))) {
            assertThat(openSearchHits(trace)).as(trace + " in OpenSearch").isEmpty();
        }
        // identity rows are named by the key itself: the posting of her e-mail is gone, not only emptied
        assertThat(postingOfHerEmail()).isEqualTo(404);
        assertThat(client.api("GET", "/api/audit/verify").json().path("valid").asBoolean()).isTrue();

        HubClient.Reply later = ErasedPerson.post(client, SECRET, ErasedPerson.customerEvent("evt_bb_c2",
                "customer.updated", 1775000500));
        assertThat(later.status()).isEqualTo(200);
        assertThat(later.json().path("status").asText()).isEqualTo("suppressed");
        assertThat(client.api("GET", "/api/context/customer/customer:stripe:" + ErasedPerson.CUSTOMER).status())
                .isEqualTo(410);
    }

    @Test
    void anErasureAnotherInstanceLeftIsAnsweredForAndFinishedHereOnceItsLeaseRunsOut() {
        String id = "era_" + "e".repeat(32);
        // as another instance left it: planned, written to the shared store, leased, then gone
        ErasureJob left = new ErasureJob(id, ErasureJob.RUNNING, Instant.now(), null, Map.of("customer", 1),
                Map.of("suppressedIdentifiers", 1), new ErasureJob.Pending(
                        List.of("customer|customer:stripe:cus_left_behind"), List.of("customer:stripe:cus_left_behind"),
                        List.of()), "default");
        hub.getBean(ErasureStore.class).put(left);
        assertThat(hub.getBean(CheckpointStore.class).lease("erasure:" + id, "crashed-instance",
                Duration.ofSeconds(3))).isTrue();
        HubClient client = ProductionHub.client(hub);

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> "running".equals(
                client.api("GET", "/api/erasures/" + id).json().path("state").asText()));
        await().atMost(PROCESSING).until(() -> "done".equals(client.api("GET", "/api/erasures/" + id).json()
                .path("state").asText()));
        JsonNode done = client.api("GET", "/api/erasures/" + id).json();
        assertThat(done.path("finishedAt").asText()).isNotBlank();
        assertThat(done.path("found").path("customer").asInt()).isEqualTo(1);
        assertThat(done.path("pending").isEmpty()).as("what was to remove is not shown").isTrue();
    }
}
