package io.contexthub.connector.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import io.contexthub.store.ContextStore;
import io.contexthub.support.CrmStubs;
import io.contexthub.support.Fixtures;
import io.contexthub.support.HubClient;
import io.contexthub.support.SaasStub;
import io.contexthub.support.SyncHubTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Stripe's backfill and catch-up through the real client (camel-http) against WireMock serving the documented
 * list pages: a restricted key and the pinned Stripe-Version on every call, starting_after paging, customers and
 * invoices made the same documents as their webhooks make, and the event log staged under the events' own ids, so
 * reading it again stages nothing.
 */
@SyncHubTest
class StripeSyncTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final WireMockServer STRIPE = SaasStub.server();

    @LocalServerPort
    int port;
    @Autowired
    ContextStore store;
    @Autowired
    MeterRegistry meters;

    JsonNode run(String stream) {
        return new HubClient(port, SyncHubTest.TOKEN).syncAndAwait("stripe", stream, "idle", Duration.ofSeconds(60));
    }

    JsonNode document(String type, String id) throws Exception {
        return JSON.readTree(store.get(type, id).orElseThrow().json());
    }

    static void answer(MappingBuilder request, String body) {
        STRIPE.stubFor(request.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(body)));
    }

    static String page(String fixture) {
        return Fixtures.load(fixture).json().at("/response/body").toString();
    }

    double staged(String stream) {
        var counter = meters.find("hub.sync.records").tags("connector", "stripe", "stream", stream).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aBackfillAndTheEventLogBecomeTheDocumentsTheWebhooksMake() throws Exception {
        CrmStubs.stripeCustomers(STRIPE);

        JsonNode customers = run("customers");

        assertThat(customers.path("cursor").asText()).as("the newest created").isEqualTo("1775466000");
        STRIPE.verify(2, getRequestedFor(urlPathEqualTo("/v1/customers"))
                .withHeader("Authorization", equalTo("Bearer " + SyncHubTest.STRIPE_KEY))
                .withHeader("Stripe-Version", equalTo("2026-03-25.dahlia"))
                .withQueryParam("limit", equalTo("100")));
        await().atMost(Duration.ofSeconds(30)).until(() -> store.get("customer", "customer:stripe:cus_QXg1o8vcGmoR32")
                .isPresent() && store.get("customer", "customer:stripe:cus_RkS7fQ2mXbT9wL").isPresent());
        JsonNode kestrel = document("customer", "customer:stripe:cus_RkS7fQ2mXbT9wL");
        assertThat(kestrel.path("name").asText()).isEqualTo("Kestrel Robotics Inc.");
        assertThat(kestrel.path("emails").get(0).asText()).isEqualTo("priya.shah@example.net");
        assertThat(kestrel.path("attributes").path("metadata.crm_account_id").asText()).isEqualTo("001D000000IRFmaIAH");

        // later runs list only customers created since the cursor
        run("customers");
        STRIPE.verify(getRequestedFor(urlPathEqualTo("/v1/customers"))
                .withQueryParam("created[gte]", equalTo("1775466000")));
        // the stream's history: both runs, newest first, with what each did
        JsonNode history = new HubClient(port, SyncHubTest.TOKEN).api("GET",
                "/api/connectors/stripe/streams/customers/runs").json().path("runs");
        assertThat(history).hasSize(2);
        assertThat(history.findValuesAsText("outcome")).containsOnly("completed");
        assertThat(history.get(1).path("pages").asInt()).as("the backfill's two list pages").isEqualTo(2);
        assertThat(history.get(1).path("records").asLong()).isEqualTo(customers.path("recordsDone").asLong())
                .isPositive();
        assertThat(Instant.parse(history.get(0).path("startedAt").asText()))
                .isAfterOrEqualTo(Instant.parse(history.get(1).path("finishedAt").asText()));
        // a synced document leads back to the run and page that last brought it: the backfill's, or the second
        // run's when that one listed it again (created[gte] the cursor, observed in a later second: a newer snapshot)
        String correlation = document("customer", "customer:stripe:cus_RkS7fQ2mXbT9wL").path("provenance")
                .path("correlationId").asText();
        assertThat(history.findValuesAsText("id")).anyMatch(run -> correlation.matches(
                java.util.regex.Pattern.quote(run) + "-p[12]"));

        ObjectNode invoices = JSON.createObjectNode().put("object", "list").put("has_more", false);
        invoices.putArray("data").add(Fixtures.load("stripe-invoice-paid.json").body().at("/data/object"));
        answer(get(urlPathEqualTo("/v1/invoices")), invoices.toString());
        run("invoices");
        await().atMost(Duration.ofSeconds(30)).until(() -> store.get("invoice",
                "invoice:stripe:in_1Pgc6tB7WZ01zgkWu9fdqL6I").isPresent());
        assertThat(document("invoice", "invoice:stripe:in_1Pgc6tB7WZ01zgkWu9fdqL6I").path("status").asText())
                .isEqualTo("paid");

        // the event log: a deleted customer the lists never showed, an invoice finalized and then paid
        answer(get(urlPathEqualTo("/v1/events")), page("stripe-events-list.json"));
        run("events");
        STRIPE.verify(getRequestedFor(urlPathEqualTo("/v1/events"))
                .withQueryParam("types[]", containing("invoice.paid"))
                .withQueryParam("created[gte]", containing("17")));
        await().atMost(Duration.ofSeconds(30)).until(() -> store.get("customer", "customer:stripe:cus_RkS2dUpL0tKe5t")
                .isPresent() && store.get("invoice", "invoice:stripe:in_1TL3vQB7WZ01zgkWe5Pz8KfA").isPresent());
        assertThat(document("customer", "customer:stripe:cus_RkS2dUpL0tKe5t").path("deleted").asBoolean()).isTrue();
        assertThat(document("invoice", "invoice:stripe:in_1TL3vQB7WZ01zgkWe5Pz8KfA").path("status").asText())
                .as("the paid event is the newest").isEqualTo("paid");
        assertThat(staged("events")).isEqualTo(6);

        // read again (as after an outage, with overlap): every event is a duplicate of what was staged
        run("events");
        assertThat(staged("events")).isEqualTo(6);

        // a full re-read (after a mapping change) stages every event again, whatever it staged before
        String deletedDuplicate = envelopeOf("customer:stripe:cus_RkS2dUpL0tKe5t");
        JsonNode reread = new HubClient(port, SyncHubTest.TOKEN).rereadAndAwait("stripe", "events", "idle",
                Duration.ofSeconds(60));
        assertThat(staged("events")).isEqualTo(12);
        assertThat(reread.path("recordsDone").asInt()).isEqualTo(6);
        assertThat(reread.path("fullReread").asBoolean()).as("done: the next run is incremental").isFalse();
        run("events");
        assertThat(staged("events")).isEqualTo(12);

        // the re-read events are written again (same versions), so their processing is over
        await().atMost(Duration.ofSeconds(30)).until(() -> !envelopeOf("customer:stripe:cus_RkS2dUpL0tKe5t")
                .equals(deletedDuplicate));

        // an operator deletes a customer: re-reading the whole backfill does not bring the deleted copy back
        HubClient client = new HubClient(port, SyncHubTest.TOKEN);
        String deleted = "/api/context/customer/customer:stripe:cus_QXg1o8vcGmoR32";
        assertThat(client.api("DELETE", deleted + "?reason=duplicate+record").status()).isEqualTo(204);
        double staleBefore = count("hub.documents.stale");
        client.rereadAndAwait("stripe", "customers", "idle", Duration.ofSeconds(60));
        // the list snapshots are versioned at the time of reading, so newer: the two live customers are written
        // again, and the deleted one, which says what it said when it was deleted, is stale against its tombstone
        await().atMost(Duration.ofSeconds(30)).until(() -> count("hub.documents.stale") >= staleBefore + 1);
        HubClient.Reply gone = client.api("GET", deleted);
        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.json().path("error").asText()).isEqualTo("deleted");
        assertThat(gone.json().path("detail").asText()).contains("by bootstrap (duplicate record)");
        assertThat(client.api("GET", "/api/context/customer/customer:stripe:cus_RkS7fQ2mXbT9wL").status())
                .isEqualTo(200);

        // a run the API refuses is in the history with its error
        STRIPE.stubFor(get(urlPathEqualTo("/v1/invoices")).atPriority(1).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"type\": \"invalid_request_error\", \"message\": \"Invalid API Key\"}}")));
        client.syncAndAwait("stripe", "invoices", "failed", Duration.ofSeconds(60));
        JsonNode failed = client.api("GET", "/api/connectors/stripe/streams/invoices/runs?limit=1").json()
                .path("runs");
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).path("outcome").asText()).isEqualTo("failed");
        assertThat(failed.get(0).path("error").asText()).contains("401");
        assertThat(client.api("GET", "/api/connectors/stripe/streams/nope/runs").status()).isEqualTo(404);
        assertThat(client.api("GET", "/api/connectors/stripe/streams/invoices/runs?limit=0").status()).isEqualTo(400);
    }

    String envelopeOf(String customerId) throws Exception {
        return document("customer", customerId).path("provenance").path("envelopeId").asText();
    }

    double count(String meter) {
        var counter = meters.find(meter).tags("source", "stripe").counter();
        return counter == null ? 0 : counter.count();
    }
}
