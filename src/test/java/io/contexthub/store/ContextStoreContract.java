package io.contexthub.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.contexthub.embedding.EmbeddingProperties;
import io.contexthub.embedding.OnnxEmbedder;
import java.util.List;
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
        embedder = OnnxEmbedder.load(new EmbeddingProperties(null, 2, 8, 256));
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

    @Test
    void deleteErasesTheDocumentFromLookupAndSearch() {
        store.upsert(List.of(doc("customer", "c1", 1, "Sabrina Calhoun likes green tea")));

        assertThat(store.delete("customer", "customer:test:c1")).isTrue();
        assertThat(store.delete("customer", "customer:test:c1")).isFalse();
        assertThat(store.get("customer", "customer:test:c1")).isEmpty();
        assertThat(search("green tea", null, 10)).isEmpty();
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
}
