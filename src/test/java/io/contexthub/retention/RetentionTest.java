package io.contexthub.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.deadletter.SpoolDeadLetters;
import io.contexthub.store.ContextDocument;
import io.contexthub.store.LuceneContextStore;
import io.contexthub.support.TestClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Maximum ages per source and entity, decided by an injected clock: what is past its age is deleted with a
 * tombstone (so a re-sync of the old copy stays out), what is younger, or of another source or entity, stays.
 */
class RetentionTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    LuceneContextStore store;
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2027-06-01T00:00:00Z"));
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void open() {
        store = new LuceneContextStore(dir.resolve("index"));
        letters = new SpoolDeadLetters(dir.resolve("deadletters"), JSON);
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    static ContextDocument event(String source, String id, String occurredAt) {
        String docId = "event:" + source + ":" + id;
        String json = "{\"id\":\"" + docId + "\",\"type\":\"event\",\"source\":\"" + source + "\",\"sourceId\":\"" + id
                + "\",\"occurredAt\":\"" + occurredAt + "\",\"eventType\":\"page.viewed\"}";
        return new ContextDocument(docId, "event", source, Instant.parse(occurredAt).toEpochMilli(), json,
                "page viewed " + id, vector(), "hash-" + id);
    }

    static float[] vector() {
        float[] vector = new float[384];
        java.util.Arrays.fill(vector, 0.05f);
        return vector;
    }

    SpoolDeadLetters letters;

    Retention retention(Map<String, Map<String, Duration>> maxAge) {
        return retention(maxAge, null);
    }

    Retention retention(Map<String, Map<String, Duration>> maxAge, Duration deadLetters) {
        return new Retention(new RetentionProperties(Duration.ofHours(24), maxAge, deadLetters), store, letters,
                new TestClock(now::get), meters);
    }

    @Test
    void deadLettersPastTheirAgeAreDeleted() throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("deadletters"));
        String old = "1775000000000-00000000-0000-0000-0000-000000000001";
        String recent = "1780000000000-00000000-0000-0000-0000-000000000002";
        for (String[] letter : new String[][] {{old, "2027-04-01T00:00:00Z"}, {recent, "2027-05-30T00:00:00Z"}}) {
            java.nio.file.Files.writeString(dir.resolve("deadletters/" + letter[0] + ".json"), JSON.createObjectNode()
                    .put("id", letter[0]).put("failedAt", letter[1]).put("stage", "validate").toString());
        }

        assertThat(retention(Map.of(), Duration.ofDays(30)).enforce()).containsEntry("deadLetters", 1);

        assertThat(letters.list(10)).extracting(l -> l.path("id").asText()).containsExactly(recent);
        assertThat(retention(Map.of()).enforce()).as("kept when not set").doesNotContainKey("deadLetters");
    }

    @Test
    void documentsPastTheirAgeAreDeletedAndStayDeleted() {
        ContextDocument old = event("ga4", "old", "2026-03-01T10:00:00Z");
        store.upsert(List.of(old, event("ga4", "recent", "2027-05-01T10:00:00Z"),
                event("frontapp", "old", "2026-03-01T10:00:00Z")));
        Retention retention = retention(Map.of("ga4", Map.of("event", Duration.ofDays(425))));

        assertThat(retention.enforce()).containsEntry("ga4.event", 1);

        assertThat(store.get("event", "event:ga4:old")).isEmpty();
        assertThat(store.tombstone("event", "event:ga4:old")).hasValueSatisfying(t ->
                assertThat(t.deletedBy()).isEqualTo("retention"));
        assertThat(store.get("event", "event:ga4:recent")).isPresent();
        assertThat(store.get("event", "event:frontapp:old")).as("another source").isPresent();
        assertThat(store.upsert(List.of(old)).stale()).as("a re-sync of the old copy").containsExactly(old.id());
        assertThat(meters.counter("hub.retention.deleted", "source", "ga4", "entity", "event").count()).isEqualTo(1);

        // a year later the recent one is old too; "*" covers every source
        now.set(now.get().plus(Duration.ofDays(400)));
        assertThat(retention(Map.of("*", Map.of("event", Duration.ofDays(425)))).enforce())
                .containsEntry("*.event", 2);
        assertThat(store.count("event")).isZero();
    }

    @Test
    void aPolicyForAnUnknownEntityOrWithoutAnAgeFailsAtStartupNamingTheSetting() {
        assertThatThrownBy(() -> retention(Map.of("ga4", Map.of("events", Duration.ofDays(1)))))
                .hasMessageContaining("hub.retention.max-age.ga4.events");
        assertThatThrownBy(() -> retention(Map.of("ga4", Map.of("event", Duration.ZERO))))
                .hasMessageContaining("positive");
    }
}
