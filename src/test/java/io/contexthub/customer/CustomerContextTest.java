package io.contexthub.customer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.contexthub.embedding.Embedder;
import io.contexthub.identity.IdentityGraph;
import io.contexthub.identity.IdentityKeys;
import io.contexthub.store.ContextDocument;
import io.contexthub.store.ContextStore;
import io.contexthub.support.HubClient;
import io.contexthub.support.ReaderHubTest;
import io.contexthub.support.StoredDocuments;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * One call for everything about a customer: the same person in Stripe and HubSpot (same e-mail) is one profile,
 * a namesake with another address is not; the timeline spans both sources, newest first and paged; invoices come
 * with what is open, overdue and paid; freshness is per source.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ReaderHubTest
class CustomerContextTest {


    @LocalServerPort
    int port;
    @Autowired
    ContextStore store;
    @Autowired
    Embedder embedder;
    @Autowired
    IdentityGraph graph;
    @Autowired
    IdentityKeys keys;

    HubClient hub;

    ContextDocument doc(String type, String source, String sourceId, String text, String fields) {
        return StoredDocuments.of(embedder, type, source, sourceId, text,
                "2026-06-0" + (text.length() % 9 + 1) + "T08:00:00Z", fields);
    }

    @BeforeAll
    void storeTheCustomersRecords() {
        hub = new HubClient(port, ReaderHubTest.TOKEN);
        List<ContextDocument> docs = new ArrayList<>();
        docs.add(doc("customer", "stripe", "cus_J1", "Jenny Rosen", ",\"emails\":[\"jenny.rosen@example.com\"]"));
        docs.add(doc("customer", "hubspot", "501", "Jenny Rosen, Head of Ops",
                ",\"emails\":[\"Jenny.Rosen@Example.com\"],\"phones\":[\"+1 555 010 9999\"]"));
        docs.add(doc("customer", "front", "crd_other", "Jenny Rosen", ",\"emails\":[\"jenny@rosen-bakery.test\"]"));
        for (int day = 1; day <= 3; day++) {
            docs.add(doc("event", "hubspot", "note" + day, "Call notes day " + day,
                    ",\"occurredAt\":\"2026-05-0" + day + "T10:00:00Z\",\"customer\":{\"id\":\"customer:hubspot:501\"}"));
        }
        docs.add(doc("event", "stripe", "evt_pay", "Payment failed for the renewal",
                ",\"occurredAt\":\"2026-05-04T10:00:00Z\",\"customer\":{\"id\":\"customer:stripe:cus_J1\"}"));
        docs.add(doc("event", "front", "msg_other", "Bread order for Friday",
                ",\"occurredAt\":\"2026-05-05T10:00:00Z\",\"customer\":{\"id\":\"customer:front:crd_other\"}"));
        docs.add(doc("invoice", "stripe", "in_open", "Invoice 7", ",\"status\":\"open\",\"currency\":\"eur\","
                + "\"total\":5000,\"amountRemaining\":5000,\"issuedAt\":\"2026-01-01T00:00:00Z\","
                + "\"dueAt\":\"2026-01-15T00:00:00Z\",\"customer\":{\"id\":\"customer:stripe:cus_J1\"}"));
        docs.add(doc("invoice", "stripe", "in_paid", "Invoice 6", ",\"status\":\"paid\",\"currency\":\"eur\","
                + "\"total\":4000,\"amountPaid\":4000,\"issuedAt\":\"2025-12-01T00:00:00Z\","
                + "\"customer\":{\"id\":\"customer:stripe:cus_J1\"}"));
        docs.add(doc("deal", "hubspot", "deals/9", "Deal renewal", ",\"status\":\"open\",\"currency\":\"EUR\","
                + "\"amount\":120000,\"probability\":0.5,\"stage\":{\"label\":\"Proposal\"},"
                + "\"customer\":{\"id\":\"customer:hubspot:501\"}"));
        docs.add(doc("deal", "hubspot", "deals/8", "Deal pilot", ",\"status\":\"won\",\"currency\":\"EUR\","
                + "\"amount\":30000,\"customer\":{\"id\":\"customer:hubspot:501\"}"));
        docs.add(doc("deal", "hubspot", "deals/7", "Someone else's deal", ",\"status\":\"open\",\"currency\":\"EUR\","
                + "\"amount\":99900,\"customer\":{\"id\":\"customer:front:crd_other\"}"));
        docs.add(doc("customer", "stripe", "cus_S", "Sam Ode", ",\"emails\":[\"sam@ode-labs.test\"]"));
        docs.add(doc("customer", "front", "crd_sam", "Sam Ode", ",\"emails\":[\"sam@ode-labs.test\"]"));
        docs.add(doc("event", "front", "msg_sam", "Sam asks about the API quota",
                ",\"occurredAt\":\"2026-05-06T10:00:00Z\",\"customer\":{\"id\":\"customer:front:crd_sam\"}"));
        docs.add(doc("event", "stripe", "evt_sam", "Sam's card was charged",
                ",\"occurredAt\":\"2026-05-07T10:00:00Z\",\"customer\":{\"id\":\"customer:stripe:cus_S\"}"));
        store.upsert(docs);
        docs.stream().filter(d -> d.type().equals("customer")).forEach(this::link);
    }

    /** What the processing route's identityLinker step does for each stored customer record. */
    private void link(ContextDocument customer) {
        graph.observe(customer.id(), keys.ofStored(customer.json()));
        graph.flush();
    }

    @Test
    void anEmailFindsTheCustomerInEverySourceWithTimelineInvoicesAndFreshness() {
        JsonNode context = hub.api("GET", "/api/customers/jenny.rosen@example.com/context").json();

        assertThat(context.path("records")).extracting(r -> r.path("id").asText())
                .containsExactlyInAnyOrder("customer:stripe:cus_J1", "customer:hubspot:501");
        assertThat(context.path("profile").asText()).isEqualTo("profile:hubspot:501");
        assertThat(context.path("links")).hasSize(1);
        assertThat(context.path("links").get(0).path("rule").asText()).isEqualTo("same-email");
        assertThat(context.path("links").get(0).path("value").asText()).isEqualTo("jenny.rosen@example.com");
        assertThat(context.path("timeline").path("events")).extracting(e -> e.path("id").asText()).containsExactly(
                "event:stripe:evt_pay", "event:hubspot:note3", "event:hubspot:note2", "event:hubspot:note1");
        JsonNode summary = context.path("invoices").path("summary");
        assertThat(summary.path("count").asInt()).isEqualTo(2);
        assertThat(summary.path("overdue").asInt()).isEqualTo(1);
        assertThat(summary.path("amounts").path("EUR").path("open").asLong()).isEqualTo(5000);
        assertThat(summary.path("amounts").path("EUR").path("overdue").asLong()).isEqualTo(5000);
        assertThat(summary.path("amounts").path("EUR").path("paid").asLong()).isEqualTo(4000);
        JsonNode deals = context.path("deals");
        assertThat(deals.path("items")).extracting(d -> d.path("id").asText())
                .containsExactlyInAnyOrder("deal:hubspot:deals/9", "deal:hubspot:deals/8");
        assertThat(deals.path("summary").path("byStatus").path("open").asInt()).isEqualTo(1);
        assertThat(deals.path("summary").path("openAmounts").path("EUR").path("total").asLong()).isEqualTo(120000);
        assertThat(deals.path("summary").path("openAmounts").path("EUR").path("weighted").asLong()).isEqualTo(60000);
        assertThat(deals.path("summary").path("wonAmounts").path("EUR").asLong()).isEqualTo(30000);
        assertThat(context.path("freshness").fieldNames()).toIterable().containsExactly("hubspot", "stripe");
        assertThat(context.path("freshness").path("stripe").path("lastAboutCustomer").asText()).isNotBlank();
        assertThat(context.path("freshness").path("stripe").path("lastFromSource").asText()).isNotBlank();
    }

    @Test
    void anyMemberIdGivesTheSameProfileAndTheTimelineIsPaged() {
        JsonNode first = hub.api("GET", "/api/customers/customer:hubspot:501/context?k=3").json();
        assertThat(first.path("records")).hasSize(2);
        assertThat(first.path("timeline").path("events")).hasSize(3);
        String next = first.path("timeline").path("next").asText();

        JsonNode second = hub.api("GET", "/api/customers/customer:hubspot:501/context?k=3&cursor=" + next).json();
        assertThat(second.path("timeline").path("events")).extracting(e -> e.path("id").asText())
                .containsExactly("event:hubspot:note1");
        assertThat(second.path("timeline").has("next")).isFalse();
    }

    @Test
    void aQueryRanksTheTimelineByRelevance() {
        JsonNode context = hub.api("GET", "/api/customers/cus_J1/context?q=card+declined").json();
        assertThat(context.path("timeline").path("events").get(0).path("id").asText())
                .isEqualTo("event:stripe:evt_pay");
    }

    @Test
    void aProfileExplainsItsLinksAndAnOperatorsRemovalHoldsForSearchAndRedeliveries() {
        JsonNode profile = hub.api("GET", "/api/profiles/sam@ode-labs.test").json();
        assertThat(profile.path("members")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("customer:stripe:cus_S", "customer:front:crd_sam");
        JsonNode link = profile.path("links").get(0);
        assertThat(link.path("rule").asText()).isEqualTo("same-email");
        assertThat(link.path("createdAt").asText()).isNotBlank();
        assertThat(eventsOf("customer:stripe:cus_S")).containsExactlyInAnyOrder("event:stripe:evt_sam",
                "event:front:msg_sam");
        assertThat(eventsOf(profile.path("profile").asText())).hasSize(2);

        var removed = hub.api("DELETE", "/api/identity-links/" + link.path("id").asText() + "?reason=two+Sams");
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json().path("state").asText()).isEqualTo("removed");
        assertThat(removed.json().path("reason").asText()).isEqualTo("two Sams");
        // a redelivery of both records does not bring it back
        store.get("customer", "customer:front:crd_sam").ifPresent(this::link);
        store.get("customer", "customer:stripe:cus_S").ifPresent(this::link);

        assertThat(eventsOf("customer:stripe:cus_S")).containsExactly("event:stripe:evt_sam");
        JsonNode after = hub.api("GET", "/api/customers/customer:stripe:cus_S/context").json();
        assertThat(after.path("records")).hasSize(1);
        assertThat(after.path("inactiveLinks").get(0).path("state").asText()).isEqualTo("removed");
        assertThat(hub.api("GET", "/api/identity-links/" + link.path("id").asText()).json().path("changedBy")
                .asText()).isEqualTo("operator");
        var unknown = hub.api("DELETE", "/api/identity-links/link_nope");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("error").asText()).isEqualTo("unknown_link");
        assertThat(hub.api("GET", "/api/profiles/nobody@example.com").status()).isEqualTo(404);

        // an operator's rebuild links every stored record again, and the removal still holds
        var rebuilt = hub.api("POST", "/api/identity/rebuild");
        assertThat(rebuilt.status()).isEqualTo(200);
        assertThat(rebuilt.json().path("records").asLong()).isGreaterThanOrEqualTo(5);
        assertThat(eventsOf("customer:stripe:cus_S")).containsExactly("event:stripe:evt_sam");
    }

    @Test
    void aRebuildLinksRecordsStoredWithoutLinking() {
        store.upsert(List.of(
                doc("customer", "salesforce", "003LATE", "Lee Late", ",\"emails\":[\"lee@late-arrivals.example.com\"]"),
                doc("customer", "stripe", "cus_LATE", "Lee Late", ",\"emails\":[\"lee@late-arrivals.example.com\"]")));
        assertThat(hub.api("GET", "/api/profiles/customer:salesforce:003LATE").json().path("members")).hasSize(1);
        assertThat(hub.api("POST", "/api/identity/rebuild").status()).isEqualTo(200);
        assertThat(hub.api("GET", "/api/profiles/customer:salesforce:003LATE").json().path("members")).hasSize(2);
    }

    private List<String> eventsOf(String customer) {
        List<String> ids = new ArrayList<>();
        hub.api("GET", "/api/context/search?type=event&customer=" + customer).json().path("hits")
                .forEach(hit -> ids.add(hit.path("id").asText()));
        return ids;
    }

    @Test
    void anUnknownCustomerIs404AndABadCursor400() {
        var unknown = hub.api("GET", "/api/customers/nobody@example.com/context");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("error").asText()).isEqualTo("unknown_customer");
        var forged = hub.api("GET", "/api/customers/cus_J1/context?cursor=%21%21");
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.json().path("error").asText()).isEqualTo("invalid_cursor");
    }
}
