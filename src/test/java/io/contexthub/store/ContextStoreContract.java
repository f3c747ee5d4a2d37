package io.contexthub.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.contexthub.embedding.EmbeddingProperties;
import io.contexthub.embedding.OnnxEmbedder;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ContextStore} must have. Each implementation runs this suite against a real
 * engine, with real embeddings, so "search by meaning" is tested for what it means.
 */
public abstract class ContextStoreContract {

    protected static OnnxEmbedder embedder;
    protected ContextStore store;

    /** A fresh, empty store. */
    protected abstract ContextStore open() throws Exception;

    /** Closes the store and opens it again on the same data, as a restart would. */
    protected abstract ContextStore reopen() throws Exception;

    protected abstract void close() throws Exception;

    @BeforeAll
    static void loadModel() {
        embedder = OnnxEmbedder.load(EmbeddingProperties.defaults());
    }

    @AfterAll
    static void closeModel() {
        embedder.close();
    }

    @BeforeEach
    void openStore() throws Exception {
        store = open();
    }

    @AfterEach
    void closeStore() throws Exception {
        close();
    }

    protected static ContextDocument doc(String type, String sourceId, long version, String text) {
        String id = type + ":test:" + sourceId;
        String json = "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"text\":\"" + text + "\",\"v\":" + version + "}";
        return new ContextDocument(id, type, "test", version, json, text, embedder.embed(text), "hash-" + version);
    }

    protected List<String> search(String text, String type, int k) {
        return store.search(new SearchQuery(text, embedder.embed(text), type, k)).stream()
                .map(SearchHit::id).toList();
    }

    @Test
    void storesAndReturnsADocumentById() {
        var written = store.upsert(List.of(doc("customer", "c1", 10, "Sabrina Calhoun, sabrina@example.com")));

        assertThat(written.written()).containsExactly("customer:test:c1");
        var found = store.get("customer", "customer:test:c1");
        assertThat(found).hasValueSatisfying(d -> {
            assertThat(d.version()).isEqualTo(10);
            assertThat(d.json()).contains("Sabrina Calhoun");
            assertThat(d.contentHash()).isEqualTo("hash-10");
        });
        assertThat(store.get("event", "customer:test:c1")).as("type must match").isEmpty();
    }

    @Test
    void aDocumentTheEngineCannotIndexIsRefusedAloneAndTheRestOfTheBatchIsWritten() {
        // A keyword value over Lucene's 32,766-byte term limit: both engines refuse it, per document.
        String immense = "x".repeat(40_000);
        ContextDocument good = doc("event", "ok", 1, "Refund issued for order 1234");
        ContextDocument refusedDoc = new ContextDocument("event:test:huge", "event", immense, 1,
                "{\"id\":\"event:test:huge\"}", "a document with an oversized source", good.vector(), "hash");

        var result = store.upsert(List.of(refusedDoc, good));

        assertThat(result.written()).containsExactly("event:test:ok");
        assertThat(result.rejected()).containsOnlyKeys("event:test:huge");
        assertThat(result.rejected().get("event:test:huge")).containsIgnoringCase("immense");
        assertThat(store.get("event", "event:test:ok")).isPresent();
        assertThat(store.get("event", "event:test:huge")).isEmpty();
    }

    @Test
    void anOlderVersionNeverOverwritesANewerOne() {
        store.upsert(List.of(doc("event", "e1", 200, "newer text")));

        var result = store.upsert(List.of(doc("event", "e1", 100, "older text")));

        assertThat(result.stale()).containsExactly("event:test:e1");
        assertThat(result.written()).isEmpty();
        assertThat(store.get("event", "event:test:e1").orElseThrow().json()).contains("newer text");
    }

    @Test
    void theVersionGuardHoldsWithinOneBatch() {
        var result = store.upsert(List.of(doc("event", "e1", 200, "newer text"), doc("event", "e1", 100, "older")));

        assertThat(result.stale()).containsExactly("event:test:e1");
        assertThat(store.get("event", "event:test:e1").orElseThrow().json()).contains("newer text");
        assertThat(store.count("event")).isEqualTo(1);
    }

    @Test
    void aNewerOrEqualVersionReplacesTheDocumentWithoutDuplicating() {
        store.upsert(List.of(doc("event", "e1", 100, "first text")));
        store.upsert(List.of(doc("event", "e1", 100, "same version rewritten")));
        store.upsert(List.of(doc("event", "e1", 300, "newest text")));

        assertThat(store.count(null)).isEqualTo(1);
        assertThat(store.get("event", "event:test:e1").orElseThrow().json()).contains("newest text");
    }

    @Test
    void returnsStoredEmbeddingsSoUnchangedTextNeedNotBeEmbeddedAgain() {
        ContextDocument written = doc("event", "e1", 3, "The parcel arrived damaged");
        store.upsert(List.of(written));

        var found = store.embeddings(List.of(new ContextDocumentKey("event", "event:test:e1"),
                new ContextDocumentKey("event", "event:test:missing")));

        assertThat(found).containsOnlyKeys("event:test:e1");
        assertThat(found.get("event:test:e1").contentHash()).isEqualTo("hash-3");
        assertThat(found.get("event:test:e1").vector()).hasSize(384);
        for (int i = 0; i < 384; i++) {
            assertThat(found.get("event:test:e1").vector()[i]).isCloseTo(written.vector()[i],
                    org.assertj.core.api.Assertions.within(1e-6f));
        }
    }

    static final Tombstone.Deletion BY_API = new Tombstone.Deletion("api", "asked by the customer",
            Instant.parse("2026-05-01T10:00:00Z"));

    @Test
    void aDeletionLeavesATombstoneThatKeepsTheSameAndOlderCopiesOutUntilANewerVersion() throws Exception {
        store.upsert(List.of(doc("customer", "c1", 5, "Sabrina Calhoun likes green tea"),
                doc("customer", "c2", 5, "Marcus Chen likes green tea too")));

        assertThat(store.delete("customer", "customer:test:c1", BY_API)).isTrue();
        assertThat(store.delete("customer", "customer:test:c1", BY_API)).as("deleted already").isFalse();
        assertThat(store.delete("customer", "customer:test:none", BY_API)).isFalse();
        assertThat(store.get("customer", "customer:test:c1")).isEmpty();
        assertThat(search("green tea", null, 10)).containsExactly("customer:test:c2");
        assertThat(store.search(new SearchQuery(null, null, "customer", 10, new SearchFilters(null, null, null, null,
                null, null, null, true), null))).extracting(SearchHit::id).containsExactly("customer:test:c2");
        assertThat(store.count("customer")).isEqualTo(1);
        assertThat(store.embeddings(List.of(new ContextDocumentKey("customer", "customer:test:c1")))).isEmpty();

        store = reopen();
        assertThat(store.tombstone("customer", "customer:test:c1")).hasValueSatisfying(t -> {
            assertThat(t.version()).isEqualTo(6);
            assertThat(t.deletedBy()).isEqualTo("api");
            assertThat(t.reason()).isEqualTo("asked by the customer");
            assertThat(t.deletedAt()).isEqualTo(BY_API.at());
        });
        assertThat(store.tombstone("event", "customer:test:c1")).as("type must match").isEmpty();
        assertThat(store.tombstone("customer", "customer:test:c2")).as("live").isEmpty();

        // a redelivery, a redrive or a re-sync of the deleted copy, or of an older one, stays out
        var again = store.upsert(List.of(doc("customer", "c1", 5, "Sabrina Calhoun likes green tea"),
                doc("customer", "c1", 3, "Sabrina Calhoun, an older copy")));
        assertThat(again.written()).isEmpty();
        assertThat(again.stale()).containsExactly("customer:test:c1", "customer:test:c1");
        assertThat(store.get("customer", "customer:test:c1")).isEmpty();

        // a newer genuine version (the record restored and changed at its source) comes back
        assertThat(store.upsert(List.of(doc("customer", "c1", 7, "Sabrina Calhoun is back"))).written())
                .containsExactly("customer:test:c1");
        assertThat(store.get("customer", "customer:test:c1")).hasValueSatisfying(d -> assertThat(d.version())
                .isEqualTo(7));
        assertThat(store.tombstone("customer", "customer:test:c1")).isEmpty();
    }

    @Test
    void aLaterObservationOfTheUnchangedRecordDoesNotUndoADeletionButAChangeDoes() {
        store.upsert(List.of(observed("c3", 100, "Jenny Rosen", "first read")));
        assertThat(store.delete("customer", "customer:test:c3", BY_API)).isTrue();

        // a list re-read: versioned at the time of reading, so newer, but saying what the deleted copy said
        var reread = store.upsert(List.of(observed("c3", 5_000, "Jenny Rosen", "read again")));
        assertThat(reread.stale()).containsExactly("customer:test:c3");
        assertThat(store.get("customer", "customer:test:c3")).isEmpty();

        var changed = store.upsert(List.of(observed("c3", 6_000, "Jenny Rosen-Lind", "changed at the source")));
        assertThat(changed.written()).containsExactly("customer:test:c3");
        assertThat(store.get("customer", "customer:test:c3")).isPresent();
    }

    /** A record as a source snapshot gives it: its content, and when and how the hub read it (not content). */
    static ContextDocument observed(String sourceId, long version, String name, String how) {
        String id = "customer:test:" + sourceId;
        String json = "{\"id\":\"" + id + "\",\"type\":\"customer\",\"name\":\"" + name + "\",\"updatedAt\":\""
                + Instant.ofEpochMilli(version) + "\",\"provenance\":{\"envelopeId\":\"" + how + "\"}}";
        return new ContextDocument(id, "customer", "test", version, json, name, embedder.embed(name), "hash-" + name);
    }

    /**
     * Random interleavings of writes of versions 0-9, deletions and redeliveries, against a model of the rule: the
     * final state is always the newest genuine version written after the last deletion, or the tombstone.
     */
    @Test
    void anyInterleavingEndsAtTheNewestGenuineVersionOrTheTombstone() {
        Random random = new Random(20261201);
        for (int round = 0; round < 25; round++) {
            String sourceId = "p" + round;
            String id = "event:test:" + sourceId;
            Long stored = null;
            Long tombstone = null;
            for (int step = 0; step < 10; step++) {
                if (random.nextInt(4) == 0) {
                    boolean live = stored != null;
                    assertThat(store.delete("event", id, BY_API)).as("round %d step %d", round, step).isEqualTo(live);
                    if (live) {
                        tombstone = stored + 1;
                        stored = null;
                    }
                } else {
                    long version = random.nextInt(10);
                    store.upsert(List.of(doc("event", sourceId, version, "Refund asked for order " + version)));
                    Long guard = stored != null ? stored : tombstone;
                    if (guard == null || version >= guard) {
                        stored = version;
                        tombstone = null;
                    }
                }
            }
            Long expected = stored;
            Long expectedTombstone = tombstone;
            assertThat(store.get("event", id).map(ContextDocument::version)).as("round %d", round)
                    .isEqualTo(java.util.Optional.ofNullable(expected));
            assertThat(store.tombstone("event", id).map(Tombstone::version)).as("round %d", round)
                    .isEqualTo(java.util.Optional.ofNullable(expectedTombstone));
        }
    }

    @Test
    void findsByMeaningWithoutSharedWords() {
        store.upsert(List.of(
                doc("event", "delivery", 1, "I placed an order last week. When will it be delivered?"),
                doc("event", "password", 1, "I forgot my password and cannot log in to my account."),
                doc("event", "invoice", 1, "Please send me a copy of the March bill for our accountant."),
                doc("event", "cancel", 1, "We would like to end our subscription at the end of the month.")));

        assertThat(search("Where is my parcel?", null, 4)).first().isEqualTo("event:test:delivery");
        assertThat(search("trouble signing in", null, 4)).first().isEqualTo("event:test:password");
    }

    @Test
    void findsARareKeywordExactly() {
        store.upsert(List.of(
                doc("invoice", "i1", 1, "Invoice ACME-0042 for the zeppelin maintenance contract"),
                doc("invoice", "i2", 1, "Invoice ACME-0043 for office chairs"),
                doc("invoice", "i3", 1, "Invoice ACME-0044 for catering")));

        assertThat(search("zeppelin", null, 3)).first().isEqualTo("invoice:test:i1");
    }

    @Test
    void filtersByType() {
        store.upsert(List.of(
                doc("customer", "c1", 1, "Sabrina asks about her delivery"),
                doc("event", "e1", 1, "Sabrina asks about her delivery")));

        assertThat(search("delivery", "customer", 10)).containsExactly("customer:test:c1");
        assertThat(search("delivery", "event", 10)).containsExactly("event:test:e1");
        assertThat(search("delivery", null, 10)).hasSize(2);
        assertThat(store.count("customer")).isEqualTo(1);
        assertThat(store.count(null)).isEqualTo(2);
    }

    @Test
    void fusesKeywordAndVectorRankingsSoADocumentStrongInBothWins() {
        store.upsert(List.of(
                doc("event", "both", 1, "The blender arrived damaged and I want a refund"),
                doc("event", "keyword", 1, "Refund policy for unused gift cards"),
                doc("event", "meaning", 1, "My kitchen appliance came broken, can I get my money back?"),
                doc("event", "neither", 1, "Team offsite agenda for next Tuesday")));

        var hits = store.search(new SearchQuery("refund for damaged blender",
                embedder.embed("refund for damaged blender"), null, 4));

        assertThat(hits).extracting(SearchHit::id).first().isEqualTo("event:test:both");
        assertThat(hits).extracting(SearchHit::id).last().isEqualTo("event:test:neither");
        assertThat(hits).extracting(SearchHit::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    @Test
    void honoursK() {
        for (int i = 0; i < 12; i++) {
            store.upsert(List.of(doc("event", "e" + i, 1, "message number " + i + " about shipping")));
        }
        assertThat(search("shipping", null, 5)).hasSize(5);
    }

    @Test
    void keepsDocumentsAcrossARestart() throws Exception {
        store.upsert(List.of(doc("customer", "c1", 7, "Sabrina Calhoun, loyal customer since 2019")));

        store = reopen();

        assertThat(store.get("customer", "customer:test:c1")).hasValueSatisfying(d ->
                assertThat(d.version()).isEqualTo(7));
        assertThat(search("long-time client", null, 1)).containsExactly("customer:test:c1");
        var stale = store.upsert(List.of(doc("customer", "c1", 6, "older")));
        assertThat(stale.stale()).as("the version survives the restart too").containsExactly("customer:test:c1");
    }

    /** A canonical-looking document of {@code source}, with the fields filters read. */
    protected static ContextDocument canonical(String type, String source, String sourceId, String text,
                                               String extraJson) {
        String id = type + ":" + source + ":" + sourceId;
        String json = "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"source\":\"" + source
                + "\",\"sourceId\":\"" + sourceId + "\",\"text\":\"" + text + "\"" + extraJson + "}";
        return new ContextDocument(id, type, source, 1, json, text, embedder.embed(text), "hash");
    }

    protected List<String> search(String text, String type, int k, SearchFilters filters) {
        return store.search(new SearchQuery(text, text == null ? null : embedder.embed(text), type, k, filters,
                null)).stream().map(SearchHit::id).toList();
    }

    static SearchFilters bySource(String source) {
        return new SearchFilters(null, source, null, null, null, null, null, false);
    }

    @Test
    void aFilteredSearchIsFilteredInsideTheIndexSoItStillReturnsKHits() {
        List<ContextDocument> docs = new java.util.ArrayList<>();
        for (int i = 0; i < 45; i++) {
            docs.add(canonical("event", "alpha", "a" + i, "Refund for my order number " + i + " please", ""));
        }
        docs.add(canonical("event", "beta", "b1", "Could I get my money back for the blender", ""));
        docs.add(canonical("event", "beta", "b2", "The lamp arrived broken, I want a refund", ""));
        docs.add(canonical("event", "beta", "b3", "Cancel my subscription and return the payment", ""));
        store.upsert(docs);

        assertThat(search("refund for my order", null, 3, bySource("beta")))
                .containsExactlyInAnyOrder("event:beta:b1", "event:beta:b2", "event:beta:b3");
        assertThat(search("refund for my order", null, 10, bySource("alpha"))).hasSize(10)
                .allMatch(id -> id.startsWith("event:alpha:"));
    }

    @Test
    void filtersByCustomerEventTypeStatusAndTime() {
        store.upsert(List.of(
                canonical("customer", "crm", "c1", "Noor Haddad", ",\"emails\":[\"noor@haddad.io\"]"),
                canonical("event", "front", "m1", "Where is my order",
                        ",\"eventType\":\"message.received\",\"occurredAt\":\"2026-03-01T10:00:00Z\","
                                + "\"customer\":{\"id\":\"customer:crm:c1\"}"),
                canonical("event", "front", "m2", "Where is my order, again",
                        ",\"eventType\":\"message.sent\",\"occurredAt\":\"2026-04-01T10:00:00Z\","
                                + "\"customer\":{\"id\":\"customer:crm:c1\"}"),
                canonical("event", "front", "m3", "Where is my order",
                        ",\"eventType\":\"message.received\",\"occurredAt\":\"2026-03-15T10:00:00Z\","
                                + "\"customer\":{\"id\":\"customer:crm:c2\"}"),
                canonical("invoice", "stripe", "in1", "Invoice for the order",
                        ",\"status\":\"open\",\"issuedAt\":\"2026-03-02T00:00:00Z\","
                                + "\"customer\":{\"id\":\"customer:crm:c1\"}"),
                canonical("invoice", "stripe", "in2", "Invoice for the order",
                        ",\"status\":\"paid\",\"issuedAt\":\"2026-03-03T00:00:00Z\","
                                + "\"customer\":{\"id\":\"customer:crm:c1\"}")));

        SearchFilters c1 = new SearchFilters(java.util.Set.of("customer:crm:c1"), null, null, null, null, null, null,
                false);
        assertThat(search("order", null, 10, c1)).containsExactlyInAnyOrder("customer:crm:c1", "event:front:m1",
                "event:front:m2", "invoice:stripe:in1", "invoice:stripe:in2");
        assertThat(search("order", "event", 10, new SearchFilters(null, null, "message.received", null, null, null,
                null, false))).containsExactlyInAnyOrder("event:front:m1", "event:front:m3");
        assertThat(search("order", null, 10, new SearchFilters(null, null, null, "open", null, null, null, false)))
                .containsExactly("invoice:stripe:in1");
        assertThat(search("order", null, 10, new SearchFilters(null, null, null, null,
                java.time.Instant.parse("2026-03-02T00:00:00Z"), java.time.Instant.parse("2026-04-01T10:00:00Z"),
                null, false))).containsExactlyInAnyOrder("event:front:m3", "invoice:stripe:in1",
                "invoice:stripe:in2");
    }

    @Test
    void aScopeLimitsKindsAndSourcesInsideTheIndexForRankedSearchesAndListings() {
        List<ContextDocument> docs = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            docs.add(canonical("event", "hubspot", "h" + i, "Shipment delayed for order " + i, ""));
            docs.add(canonical("invoice", "frontapp", "i" + i, "Shipment invoice " + i, ""));
        }
        docs.add(canonical("event", "frontapp", "f1", "Where is my shipment", ""));
        docs.add(canonical("event", "frontapp", "f2", "The shipment never came", ""));
        store.upsert(docs);

        SearchFilters scoped = SearchFilters.NONE.within(new DocumentScope(java.util.Set.of("event"),
                java.util.Set.of("frontapp")));
        assertThat(search("shipment delayed", null, 5, scoped))
                .containsExactlyInAnyOrder("event:frontapp:f1", "event:frontapp:f2");
        assertThat(search(null, null, 50, scoped)).containsExactlyInAnyOrder("event:frontapp:f1", "event:frontapp:f2");
        assertThat(search("shipment", null, 50, SearchFilters.NONE.within(new DocumentScope(null,
                java.util.Set.of("frontapp"))))).hasSize(32).allMatch(id -> id.contains(":frontapp:"));
        assertThat(search("shipment", "invoice", 50, scoped)).isEmpty();
    }

    @Test
    void documentsDeletedAtTheirSourceAreLeftOutUnlessAskedFor() {
        store.upsert(List.of(
                canonical("customer", "stripe", "cus_1", "Lena Berg, deleted customer", ",\"deleted\":true"),
                canonical("customer", "stripe", "cus_2", "Lena Bergström, active customer", "")));

        assertThat(search("Lena Berg", "customer", 10, SearchFilters.NONE)).containsExactly("customer:stripe:cus_2");
        assertThat(search("Lena Berg", "customer", 10, new SearchFilters(null, null, null, null, null, null, null,
                true))).containsExactlyInAnyOrder("customer:stripe:cus_1", "customer:stripe:cus_2");
    }

    @Test
    void aQueryThatIsAnExactIdentifierRanksItsDocumentsFirst() {
        List<ContextDocument> docs = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            docs.add(canonical("customer", "front", "crd_" + i, "Customer at acme.io, alice" + i + "@acme.io",
                    ",\"emails\":[\"alice" + i + "@acme.io\"]"));
        }
        docs.add(canonical("event", "front", "msg_alice", "Hello, it is me again about the invoice",
                ",\"customer\":{\"id\":\"customer:front:crd_5\",\"email\":\"Alice5@Acme.io\"}"));
        docs.add(canonical("invoice", "stripe", "in_77", "Invoice INV-2026-0077 for acme",
                ",\"number\":\"INV-2026-0077\""));
        store.upsert(docs);

        assertThat(search("alice5@acme.io", null, 5, SearchFilters.NONE).subList(0, 2))
                .containsExactlyInAnyOrder("customer:front:crd_5", "event:front:msg_alice");
        assertThat(search("what about inv-2026-0077?", null, 3, SearchFilters.NONE)).first()
                .isEqualTo("invoice:stripe:in_77");
    }

    @Test
    void withoutTextTheFilteredDocumentsAreListedNewestFirstAPageAtATime() {
        List<ContextDocument> docs = new java.util.ArrayList<>();
        for (int day = 1; day <= 7; day++) {
            docs.add(canonical("event", "front", "d" + day, "Message of day " + day,
                    ",\"occurredAt\":\"2026-05-0" + day + "T12:00:00Z\""));
        }
        docs.add(canonical("event", "other", "x1", "Not from front", ",\"occurredAt\":\"2026-05-09T12:00:00Z\""));
        store.upsert(docs);

        var first = store.search(new SearchQuery(null, null, "event", 3, bySource("front"), null));
        assertThat(first).extracting(SearchHit::id).containsExactly("event:front:d7", "event:front:d6",
                "event:front:d5");
        var second = store.search(new SearchQuery(null, null, "event", 3, bySource("front"), first.get(2).cursor()));
        assertThat(second).extracting(SearchHit::id).containsExactly("event:front:d4", "event:front:d3",
                "event:front:d2");
        var last = store.search(new SearchQuery(null, null, "event", 3, bySource("front"), second.get(2).cursor()));
        assertThat(last).extracting(SearchHit::id).containsExactly("event:front:d1");
    }
}
