package io.contexthub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.contexthub.staging.StagedSources;
import io.contexthub.store.ContextStore;
import io.contexthub.support.FrontEvents;
import io.contexthub.support.FrontSigner;
import io.contexthub.support.HubClient;
import io.contexthub.support.WebhookHubTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The whole hub on its embedded defaults, driven through its real HTTP port: signed webhook in, canonical
 * documents searchable out, and every refusal answered precisely.
 */
@WebhookHubTest
class HubEndToEndTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration PROCESSING = Duration.ofSeconds(30);

    @LocalServerPort
    int port;
    @Autowired
    org.springframework.context.ApplicationContext context;
    @Value("${hub.data-dir}")
    Path data;
    @Autowired
    ContextStore store;
    @Autowired
    CamelContext camel;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;
    HubClient hub;

    @BeforeEach
    void client() {
        hub = new HubClient(port, WebhookHubTest.TOKEN);
    }

    /** Staged or dead-lettered files whose content mentions a marker (an event id) of the current test. */
    List<Path> filesMentioning(String dir, String marker) throws IOException {
        return files(dir).stream().filter(f -> {
            try {
                return Files.readString(f).contains(marker);
            } catch (IOException e) {
                return false; // deleted while we looked: processed, so not staged any more
            }
        }).toList();
    }

    List<Path> files(String dir) throws IOException {
        Path path = data.resolve(dir);
        if (!Files.isDirectory(path)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(path)) {
            return files.filter(f -> !f.getFileName().toString().startsWith(".")).toList();
        }
    }

    @Test
    void aSignedFrontWebhookBecomesSearchableByAParaphrase() {
        // the documented inbound message under ids of its own (WebhookSourcesEndToEndTest posts it verbatim to the
        // same hub, which would answer a duplicate)
        var reply = hub.postFront(FrontEvents.SECRET, FrontEvents.inbound("evt_e2e_paraphrase", "msg_e2e_paraphrase",
                "My order still has not arrived and the tracking page shows nothing. When will it be delivered?", null));

        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.json().path("status").asText()).isEqualTo("accepted");
        assertThat(reply.response().headers().firstValue("x-front-signature")).as("no header echoed").isEmpty();

        await().atMost(PROCESSING).untilAsserted(() -> {
            var hits = hub.search("the tracking page is empty and my order never came", "event", 3);
            assertThat(hits.status()).isEqualTo(200);
            assertThat(hits.json().path("hits").path(0).path("id").asText())
                    .isEqualTo("event:frontapp:msg_e2e_paraphrase");
        });
        JsonNode hit = hub.search("the tracking page is empty and my order never came", "event", 3).json().path("hits").path(0);
        assertThat(hit.path("type").asText()).isEqualTo("event");
        assertThat(hit.path("score").asDouble()).isPositive();
        assertThat(hit.path("document").path("text").asText()).contains("When will it be delivered?");
        assertThat(hit.path("document").path("provenance").path("signatureVerified").asBoolean()).isTrue();

        var customer = hub.api("GET", "/api/context/customer/customer:frontapp:crd_3h53wd0");
        assertThat(customer.status()).isEqualTo(200);
        assertThat(customer.json().path("emails").path(0).asText()).isEqualTo("sabrina@fictionalcustomer.com");

        JsonNode sources = hub.api("GET", "/api/sources").json();
        JsonNode front = sources.path("sources").findParents("name").stream()
                .filter(source -> source.path("name").asText().equals("frontapp")).findFirst().orElseThrow();
        assertThat(front.path("webhookPath").asText()).isEqualTo("/webhooks/frontapp");
        assertThat(front.path("webhookConfigured").asBoolean()).isTrue();
        assertThat(java.time.Instant.parse(front.path("lastStagedAt").asText())).isBefore(java.time.Instant.now());
        assertThat(sources.path("documents").path("event").asLong()).isEqualTo(store.count("event")).isPositive();
        assertThat(sources.path("documents").path("customer").asLong()).isPositive();
    }

    @Test
    void aRedeliveredEventIsAnsweredAsDuplicateAndStoredOnce() throws IOException {
        byte[] body = FrontEvents.inbound("evt_dup1", "msg_dup1", "Can I change the delivery address?", null);
        assertThat(hub.postFront(FrontEvents.SECRET, body).status()).isEqualTo(202);
        await().atMost(PROCESSING).until(() -> store.get("event", "event:frontapp:msg_dup1").isPresent()
                && filesMentioning("spool/inbound", "evt_dup1").isEmpty());

        var again = hub.postFront(FrontEvents.SECRET, body);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("status").asText()).isEqualTo("duplicate");
        assertThat(again.json().path("eventId").asText()).isEqualTo("frontapp:evt_dup1");
        assertThat(filesMentioning("spool/inbound", "evt_dup1")).as("a duplicate is never staged").isEmpty();
        var hits = hub.search("change the delivery address", "event", 10).json().path("hits");
        List<String> ids = new java.util.ArrayList<>();
        hits.forEach(h -> ids.add(h.path("id").asText()));
        assertThat(ids).containsOnlyOnce("event:frontapp:msg_dup1");
    }

    @Test
    void anUnchangedDocumentDeliveredAgainReusesItsStoredVector() {
        byte[] first = FrontEvents.inbound("evt_reuse1", "msg_reuse", "Could you resend the tracking link?", null);
        assertThat(hub.postFront(FrontEvents.SECRET, first).status()).isEqualTo(202);
        await().atMost(PROCESSING).until(() -> store.get("event", "event:frontapp:msg_reuse").isPresent());
        double computedBefore = meters.counter("hub.embeddings.computed", "source", "frontapp").count();
        double reusedBefore = meters.counter("hub.embeddings.reused", "source", "frontapp").count();

        // A second delivery of the same message under another event id (as a sync would bring it).
        byte[] again = FrontEvents.inbound("evt_reuse2", "msg_reuse", "Could you resend the tracking link?", null);
        assertThat(hub.postFront(FrontEvents.SECRET, again).status()).isEqualTo(202);
        await().atMost(PROCESSING).until(() -> store.get("event", "event:frontapp:msg_reuse").orElseThrow()
                .json().contains("evt_reuse2"));

        assertThat(meters.counter("hub.embeddings.reused", "source", "frontapp").count() - reusedBefore)
                .as("event and customer vectors reused").isEqualTo(2);
        assertThat(meters.counter("hub.embeddings.computed", "source", "frontapp").count())
                .as("nothing embedded for the second delivery").isEqualTo(computedBefore);
    }

    @Test
    void aTamperedWebhookIsRefusedAndNothingIsStaged() throws IOException {
        byte[] body = FrontEvents.inbound("evt_tamper", "msg_tamper", "Original words", null);
        var headers = FrontSigner.headers(FrontEvents.SECRET, System.currentTimeMillis(), body);
        byte[] tampered = FrontEvents.asString(body).replace("Original words", "Forged words")
                .getBytes(StandardCharsets.UTF_8);

        var reply = hub.post("/webhooks/frontapp", headers, tampered);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().path("error").asText()).isEqualTo("invalid_signature");
        assertThat(reply.body()).doesNotContain(FrontEvents.SECRET).doesNotContain("Exception");
        assertThat(filesMentioning("spool/inbound", "evt_tamper")).isEmpty();
        assertThat(store.get("event", "event:frontapp:msg_tamper")).isEmpty();
    }

    @Test
    void aStaleSignatureIsRefused() {
        byte[] body = FrontEvents.inbound("evt_stale", "msg_stale", "old news", null);
        long tenMinutesAgo = System.currentTimeMillis() - Duration.ofMinutes(10).toMillis();

        var reply = hub.post("/webhooks/frontapp", FrontSigner.headers(FrontEvents.SECRET, tenMinutesAgo, body), body);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().path("error").asText()).isEqualTo("stale_signature");
    }

    @Test
    void theSyncValidationRequestIsAnsweredWithTheChallengeAndNotStaged() throws IOException {
        byte[] body = "{\"type\":\"sync\",\"authorization\":{\"id\":\"cmp_synctest\"}}".getBytes(StandardCharsets.UTF_8);
        var headers = new java.util.HashMap<>(FrontSigner.headers(FrontEvents.SECRET, System.currentTimeMillis(), body));
        headers.put("x-front-challenge", "challenge-123");

        var reply = hub.post("/webhooks/frontapp", headers, body);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json()).isEqualTo(JSON.createObjectNode().put("challenge", "challenge-123"));
        assertThat(filesMentioning("spool/inbound", "cmp_synctest")).isEmpty();
    }

    @Test
    void aDocumentThatBreaksItsSchemaBecomesADeadLetterWithTheReason() throws IOException {
        byte[] body = FrontEvents.inbound("evt_badmail", "msg_badmail", "Hello from a broken address",
                "sabrina@");
        assertThat(hub.postFront(FrontEvents.SECRET, body).status()).isEqualTo(202);

        await().atMost(PROCESSING).until(() -> !filesMentioning("deadletters", "evt_badmail").isEmpty());
        Path letter = filesMentioning("deadletters", "evt_badmail").get(0);
        JsonNode record = JSON.readTree(letter.toFile());
        assertThat(record.path("stage").asText()).isEqualTo("validate");
        assertThat(record.path("route").asText()).isEqualTo("process.envelope");
        assertThat(record.path("cause").path("message").asText())
                .contains("customer.schema.json").contains("/emails/0");
        assertThat(record.path("envelope").path("idempotencyKey").asText()).isEqualTo("frontapp:evt_badmail");
        assertThat(record.path("envelope").path("payload").path("payload").path("id").asText())
                .isEqualTo("evt_badmail");
        assertThat(store.get("event", "event:frontapp:msg_badmail")).as("its event named the bad address too").isEmpty();
    }

    @Test
    void aDeadLetterIsListedShownAndRedrivenThroughTheApi() throws IOException {
        byte[] body = FrontEvents.inbound("evt_redrive", "msg_redrive", "Please redrive me", "redrive@");
        assertThat(hub.postFront(FrontEvents.SECRET, body).status()).isEqualTo(202);
        await().atMost(PROCESSING).until(() -> !filesMentioning("deadletters", "evt_redrive").isEmpty());
        String id = filesMentioning("deadletters", "evt_redrive").get(0).getFileName().toString().replace(".json", "");

        JsonNode listed = hub.api("GET", "/api/dead-letters?limit=500").json().path("deadLetters");
        assertThat(listed.findValuesAsText("id")).contains(id);
        var shown = hub.api("GET", "/api/dead-letters/" + id);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json().path("envelope").path("idempotencyKey").asText()).isEqualTo("frontapp:evt_redrive");
        String envelopeId = shown.json().path("envelope").path("id").asText();

        var redrive = hub.api("POST", "/api/dead-letters/" + id + "/redrive");

        assertThat(redrive.status()).isEqualTo(202);
        assertThat(redrive.json().path("envelopeId").asText()).isEqualTo(envelopeId);
        assertThat(hub.api("GET", "/api/dead-letters/" + id).status()).as("gone once staged").isEqualTo(404);
        // the mapping still refuses the address, so the redriven envelope comes back as a new dead letter
        await().atMost(PROCESSING).until(() -> filesMentioning("deadletters", "evt_redrive").stream()
                .anyMatch(f -> !f.getFileName().toString().startsWith(id)));
        assertThat(hub.api("GET", "/api/dead-letters/not-a-dead-letter").status()).isEqualTo(404);
        assertThat(hub.api("GET", "/api/dead-letters?limit=0").status()).isEqualTo(400);
    }

    @Test
    void deadLettersAreFilteredRedrivenAndPurgedInBulk() throws IOException {
        String since = java.time.Instant.now().minusMillis(1).toString();
        for (int i = 1; i <= 3; i++) {
            byte[] body = FrontEvents.inbound("evt_bulk_" + i, "msg_bulk_" + i, "Bulk redrive " + i, "bulk@");
            assertThat(hub.postFront(FrontEvents.SECRET, body).status()).isEqualTo(202);
        }
        await().atMost(PROCESSING).until(() -> filesMentioning("deadletters", "evt_bulk_").size() == 3);
        String mine = "/api/dead-letters?source=frontapp&since=" + since;

        assertThat(hub.api("GET", mine + "&stage=validate&cause=EMAILS").json().path("deadLetters")).hasSize(3);
        assertThat(hub.api("GET", mine + "&stage=map").json().path("deadLetters")).isEmpty();
        assertThat(hub.api("GET", mine + "&cause=nothing-like-this").json().path("deadLetters")).isEmpty();
        assertThat(hub.api("GET", "/api/dead-letters?source=stripe&since=" + since).json().path("deadLetters"))
                .isEmpty();
        assertThat(hub.api("GET", "/api/dead-letters?since=yesterday").json().path("error").asText())
                .isEqualTo("invalid_filter");
        assertThat(hub.api("POST", "/api/dead-letters/redrive", "{}").json().path("error").asText())
                .isEqualTo("filter_required");
        String filter = "\"source\": \"frontapp\", \"stage\": \"validate\", \"since\": \"" + since + "\"";
        var miscounted = hub.api("POST", "/api/dead-letters/purge", "{" + filter + ", \"expected\": 2}");
        assertThat(miscounted.status()).isEqualTo(409);
        assertThat(miscounted.json().path("error").asText()).isEqualTo("count_changed");
        assertThat(hub.api("POST", "/api/dead-letters/purge", "{" + filter + "}").status()).isEqualTo(400);
        assertThat(filesMentioning("deadletters", "evt_bulk_")).as("nothing purged").hasSize(3);

        // two of them are fixed (as a corrected mapping would fix them), then all three are redriven by filter
        for (Path letter : filesMentioning("deadletters", "evt_bulk_")) {
            if (!Files.readString(letter).contains("evt_bulk_3")) {
                Files.writeString(letter, Files.readString(letter).replace("\"bulk@\"", "\"bulk@example.com\""));
            }
        }
        var redriven = hub.api("POST", "/api/dead-letters/redrive", "{" + filter + "}");

        assertThat(redriven.status()).isEqualTo(200);
        assertThat(redriven.json().path("redriven").asInt()).isEqualTo(3);
        assertThat(redriven.json().path("filter").path("source").asText()).isEqualTo("frontapp");
        await().atMost(PROCESSING).until(() -> store.get("event", "event:frontapp:msg_bulk_1").isPresent()
                && store.get("event", "event:frontapp:msg_bulk_2").isPresent());
        // the unfixed one fails again: a new dead letter, the only one the filter finds now
        await().atMost(PROCESSING).until(() -> hub.api("GET", mine).json().path("deadLetters").size() == 1);
        var purged = hub.api("POST", "/api/dead-letters/purge", "{" + filter + ", \"expected\": 1}");
        assertThat(purged.status()).isEqualTo(200);
        assertThat(purged.json().path("purged").asInt()).isEqualTo(1);
        assertThat(hub.api("GET", mine).json().path("deadLetters")).isEmpty();
        assertThat(filesMentioning("deadletters", "evt_bulk_")).isEmpty();
    }

    @Test
    void aDryRunShowsWhatTheMappingsMakeOfAPayloadOrADeadLetterAndStoresNothing() throws IOException {
        String good = new String(FrontEvents.inbound("evt_dry_1", "msg_dry_1", "Dry run please", null),
                StandardCharsets.UTF_8);
        JsonNode run = hub.api("POST", "/api/mappings/dry-run", "{\"source\": \"frontapp\", \"stream\": \"events\", "
                + "\"payload\": " + good + "}").json();
        assertThat(run.path("wouldStore").asBoolean()).isTrue();
        JsonNode event = run.path("documents").findParents("entity").stream()
                .filter(d -> d.path("entity").asText().equals("event")).findFirst().orElseThrow();
        assertThat(event.path("id").asText()).isEqualTo("event:frontapp:msg_dry_1");
        assertThat(event.path("mapping").asText()).isEqualTo("mappings/frontapp/events-to-event.jsonata");
        assertThat(event.path("violations")).isEmpty();
        assertThat(event.path("embeddingText").asText()).contains("Dry run please");
        assertThat(store.get("event", "event:frontapp:msg_dry_1")).as("nothing stored").isEmpty();

        String bad = new String(FrontEvents.inbound("evt_dry_2", "msg_dry_2", "Dry run please", "dry@"),
                StandardCharsets.UTF_8);
        JsonNode failing = hub.api("POST", "/api/mappings/dry-run", "{\"source\": \"frontapp\", \"stream\": "
                + "\"events\", \"payload\": " + bad + "}").json();
        assertThat(failing.path("wouldStore").asBoolean()).isFalse();
        assertThat(failing.path("failedAt").asText()).isEqualTo("validate");
        assertThat(failing.path("cause").asText()).contains("/emails/0");

        assertThat(hub.postFront(FrontEvents.SECRET, bad.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(202);
        await().atMost(PROCESSING).until(() -> !filesMentioning("deadletters", "evt_dry_2").isEmpty());
        String letter = filesMentioning("deadletters", "evt_dry_2").get(0).getFileName().toString()
                .replace(".json", "");
        JsonNode fromLetter = hub.api("POST", "/api/mappings/dry-run", "{\"deadLetter\": \"" + letter + "\"}").json();
        assertThat(fromLetter.path("failedAt").asText()).isEqualTo("validate");
        assertThat(fromLetter.path("envelope").path("source").asText()).isEqualTo("frontapp");

        JsonNode unmapped = hub.api("POST", "/api/mappings/dry-run", "{\"source\": \"nobody\", \"stream\": "
                + "\"events\", \"payload\": {}}").json();
        assertThat(unmapped.path("failedAt").asText()).isEqualTo("map");
        assertThat(unmapped.path("cause").asText()).contains("no mapping for source nobody");
        assertThat(hub.api("POST", "/api/mappings/dry-run", "{\"payload\": {}}").status()).isEqualTo(400);
        assertThat(hub.api("POST", "/api/mappings/dry-run", "{\"deadLetter\": \"nope\"}").status()).isEqualTo(404);
    }

    @Test
    void oneCorrelationIdFollowsAnEventFromTheRequestToItsDocumentsAndDeadLetters() throws IOException {
        byte[] good = FrontEvents.inbound("evt_corr_1", "msg_corr_1", "Follow me", null);
        var headers = new java.util.HashMap<>(io.contexthub.support.FrontSigner.headers(FrontEvents.SECRET,
                System.currentTimeMillis(), good));
        headers.put("X-Correlation-Id", "req-2026-12-02.corr:1");
        var reply = hub.post("/webhooks/frontapp", headers, good);

        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.response().headers().firstValue("X-Correlation-Id")).hasValue("req-2026-12-02.corr:1");
        await().atMost(PROCESSING).until(() -> store.get("event", "event:frontapp:msg_corr_1").isPresent());
        assertThat(JSON.readTree(store.get("event", "event:frontapp:msg_corr_1").orElseThrow().json())
                .path("provenance").path("correlationId").asText()).isEqualTo("req-2026-12-02.corr:1");

        byte[] bad = FrontEvents.inbound("evt_corr_2", "msg_corr_2", "Follow me too", "corr@");
        var generated = hub.postFront(FrontEvents.SECRET, bad);
        String id = generated.response().headers().firstValue("X-Correlation-Id").orElseThrow();
        assertThat(id).matches("[0-9a-f]{32}");
        await().atMost(PROCESSING).until(() -> !filesMentioning("deadletters", "evt_corr_2").isEmpty());
        JsonNode letter = JSON.readTree(filesMentioning("deadletters", "evt_corr_2").get(0).toFile());
        assertThat(letter.path("correlationId").asText()).isEqualTo(id);
        assertThat(hub.api("GET", "/api/dead-letters?correlationId=" + id).json().path("deadLetters"))
                .extracting(l -> l.path("correlationId").asText()).containsExactly(id);

        var refused = hub.post("/webhooks/frontapp", java.util.Map.of("content-type", "application/json",
                "X-Request-Id", "gateway-req-7", "x-front-signature", "forged", "x-front-request-timestamp",
                String.valueOf(System.currentTimeMillis())), good);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.response().headers().firstValue("X-Correlation-Id")).hasValue("gateway-req-7");
        var unusable = hub.post("/webhooks/frontapp", java.util.Map.of("content-type", "application/json",
                "X-Correlation-Id", "spaces are not a token", "x-front-signature", "forged"), good);
        assertThat(unusable.response().headers().firstValue("X-Correlation-Id").orElseThrow())
                .matches("[0-9a-f]{32}");
    }

    @Test
    void aCorrectlySignedBodyThatIsNotJsonIsABadRequest() {
        byte[] body = "definitely not json".getBytes(StandardCharsets.UTF_8);

        var reply = hub.postFront(FrontEvents.SECRET, body);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("error").asText()).isEqualTo("malformed_json");
    }

    @Test
    void refusesWhatCannotBeAWebhook() {
        var noSignature = hub.post("/webhooks/frontapp", Map.of("content-type", "application/json"),
                "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(noSignature.status()).isEqualTo(401);
        assertThat(noSignature.json().path("error").asText()).isEqualTo("missing_signature");

        var form = hub.post("/webhooks/frontapp", Map.of("content-type", "application/x-www-form-urlencoded"),
                "a=b".getBytes(StandardCharsets.UTF_8));
        assertThat(form.status()).isEqualTo(415);
        assertThat(form.json().path("error").asText()).isEqualTo("unsupported_media_type");

        byte[] big = new byte[70 * 1024];
        java.util.Arrays.fill(big, (byte) 'x');
        var tooLarge = hub.postFront(FrontEvents.SECRET, big);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().path("error").asText()).isEqualTo("payload_too_large");

        var get = hub.raw(HttpRequest.newBuilder(URI.create(hub.base() + "/webhooks/frontapp")).GET().build());
        assertThat(get.status()).isEqualTo(405);
    }

    @Test
    void theApiRequiresTheBearerToken() {
        var none = hub.raw(HttpRequest.newBuilder(URI.create(hub.base() + "/api/context/search?q=x")).build());
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().path("error").asText()).isEqualTo("unauthorized");

        var wrong = new HubClient(port, "not-the-token").search("x", null, 1);
        assertThat(wrong.status()).isEqualTo(401);
    }

    @Test
    void theApiAnswersBadRequestsPrecisely() {
        assertThat(hub.api("GET", "/api/context/search").json().path("error").asText()).isEqualTo("missing_query");
        assertThat(hub.search("x", "planet", 3).json().path("error").asText()).isEqualTo("invalid_type");
        assertThat(hub.api("GET", "/api/context/search?q=x&k=0").status()).isEqualTo(400);
        assertThat(hub.api("GET", "/api/context/search?q=x&k=many").json().path("error").asText())
                .isEqualTo("invalid_k");
        var missing = hub.api("GET", "/api/context/event/event:frontapp:nope");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("error").asText()).isEqualTo("not_found");
    }

    @Test
    void aDocumentCanBeErased() {
        byte[] body = FrontEvents.inbound("evt_erase", "msg_erase", "Please forget me", null);
        assertThat(hub.postFront(FrontEvents.SECRET, body).status()).isEqualTo(202);
        await().atMost(PROCESSING).until(() -> store.get("event", "event:frontapp:msg_erase").isPresent());

        assertThat(hub.api("DELETE", "/api/context/event/event:frontapp:msg_erase").status()).isEqualTo(204);
        var gone = hub.api("GET", "/api/context/event/event:frontapp:msg_erase");
        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.json().path("error").asText()).isEqualTo("deleted");
        assertThat(hub.api("DELETE", "/api/context/event/event:frontapp:msg_erase").status()).isEqualTo(410);
        assertThat(hub.api("DELETE", "/api/context/event/event:frontapp:never").status()).isEqualTo(404);
        assertThat(store.tombstone("event", "event:frontapp:msg_erase")).hasValueSatisfying(t ->
                assertThat(t.deletedBy()).isEqualTo("bootstrap"));
    }

    @Test
    void aRedrivenOrRedeliveredOldCopyDoesNotBringADeletedDocumentBack() throws IOException {
        // a copy of msg_undead dead-letters (bad address); another delivery of the same message is indexed
        byte[] broken = FrontEvents.inbound("evt_undead_1", "msg_undead", "I was deleted", "undead@");
        assertThat(hub.postFront(FrontEvents.SECRET, broken).status()).isEqualTo(202);
        await().atMost(PROCESSING).until(() -> !filesMentioning("deadletters", "evt_undead_1").isEmpty());
        byte[] good = FrontEvents.inbound("evt_undead_2", "msg_undead", "I was deleted", null);
        assertThat(hub.postFront(FrontEvents.SECRET, good).status()).isEqualTo(202);
        await().atMost(PROCESSING).until(() -> store.get("event", "event:frontapp:msg_undead").isPresent());
        assertThat(hub.api("DELETE", "/api/context/event/event:frontapp:msg_undead").status()).isEqualTo(204);

        // the operator fixes the dead letter (as a corrected mapping would) and redrives it
        Path letter = filesMentioning("deadletters", "evt_undead_1").get(0);
        Files.writeString(letter, Files.readString(letter).replace("\"undead@\"", "\"undead@example.com\""));
        double staleBefore = meters.counter("hub.documents.stale", "source", "frontapp", "tenant", "default").count();
        String id = letter.getFileName().toString().replace(".json", "");
        assertThat(hub.api("POST", "/api/dead-letters/" + id + "/redrive").status()).isEqualTo(202);
        await().atMost(PROCESSING).until(() ->
                meters.counter("hub.documents.stale", "source", "frontapp", "tenant", "default").count() >= staleBefore + 1);
        // and the sender redelivers the same message under a new event id
        byte[] again = FrontEvents.inbound("evt_undead_3", "msg_undead", "I was deleted", null);
        assertThat(hub.postFront(FrontEvents.SECRET, again).status()).isEqualTo(202);
        await().atMost(PROCESSING).until(() ->
                meters.counter("hub.documents.stale", "source", "frontapp", "tenant", "default").count() >= staleBefore + 2);

        assertThat(filesMentioning("deadletters", "evt_undead")).as("the fixed copy was processed").isEmpty();
        assertThat(hub.api("GET", "/api/context/event/event:frontapp:msg_undead").status()).isEqualTo(410);
        assertThat(hub.search("I was deleted", "event", 10).json().findValuesAsText("id"))
                .doesNotContain("event:frontapp:msg_undead");
    }

    @Test
    void healthAndMetricsAreExposed() {
        var health = hub.raw(HttpRequest.newBuilder(URI.create(hub.base() + "/actuator/health")).build());
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("UP");

        hub.postFront(FrontEvents.SECRET, "{}".getBytes(StandardCharsets.UTF_8));
        var metrics = hub.raw(HttpRequest.newBuilder(URI.create(hub.base() + "/actuator/prometheus")).build());
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("routeId=\"webhook.frontapp.receive\"");
    }

    @Test
    void everyRouteFileIsLoadedWithItsExplicitIds() throws IOException {
        assertThat(camel.getRoutes()).extracting(Route::getRouteId).contains(
                "webhook.frontapp.receive", "stage.spool.consume", "process.canonical", "process.envelope",
                "deadletter.write", "api.context.search", "api.context.document");
        assertThat(camel.getRoutes()).extracting(Route::getRouteId)
                .as("only the consumer of the configured bus").doesNotContain("stage.kafka.consume");
        try (Stream<Path> files = Files.walk(Path.of("routes"))) {
            assertThat(files.filter(Files::isRegularFile).map(f -> Path.of("routes").relativize(f).toString()))
                    .allMatch(name -> name.endsWith(".yaml"))
                    .allMatch(name -> Files.exists(Path.of("target/classes/hub/routes", name)),
                            "packaged for the hub to load");
        }
    }

    @Test
    void everyRouteADescriptorDeclaresRunsGeneratedFromItsSourceOrStream() throws IOException {
        List<String> declared = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(Path.of("connectors"))) {
            for (Path dir : dirs.toList()) {
                JsonNode descriptor = new YAMLMapper().readTree(dir.resolve("connector.yaml").toFile());
                if (descriptor.path("webhooks").has("route")) {
                    declared.add(descriptor.path("webhooks").path("route").asText());
                }
                descriptor.path("syncs").properties().stream().filter(sync -> sync.getValue().has("settings"))
                        .forEach(sync -> {
                            String route = "sync." + descriptor.path("id").asText() + "." + sync.getKey();
                            declared.add(route);
                            declared.add(route + ".schedule");
                        });
            }
        }
        assertThat(declared).hasSizeGreaterThan(10);
        // every connector with streams gets its Kafka topic, also one whose streams come from configuration
        Set<String> staged = new TreeSet<>();
        context.getBeansOfType(StagedSources.class).values().forEach(sources -> staged.addAll(sources.names()));
        assertThat(staged).contains("frontapp", "salesforce", "hubspot", "stripe", "ga4");
        assertThat(camel.getRoutes()).extracting(Route::getRouteId).containsAll(declared)
                .contains("webhook.standard.receive", "sync.fetch.salesforce");
    }
}
