package io.contexthub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.contexthub.platform.HubProperties;
import io.contexthub.platform.Secret;
import io.contexthub.support.TestClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chain holds across restarts, and verification finds an edited, a removed and a forged entry. */
class AuditLogTest {

    @TempDir
    Path data;
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T10:00:00Z"));
    Path file;

    AuditLog open(String key) {
        return new AuditLog(new AuditProperties(key == null ? null : Secret.valueOf(key)),
                new HubProperties(data, Path.of(""), HubProperties.Staging.spool, HubProperties.Store.lucene),
                new TestClock(now::get), new FileAuditStorage(data.resolve("audit/audit.jsonl")));
    }

    @BeforeEach
    void writeFour() {
        AuditLog audit = open("audit-key");
        audit.append("document.deleted", "api", "customer:stripe:cus_1", Map.of("reason", "duplicate"));
        now.set(now.get().plus(Duration.ofMinutes(1)));
        audit.append("erasure.requested", "api", "era_1", Map.of("customer", 1, "invoice", 2));
        audit.append("erasure.done", "hub", "era_1", Map.of("customer", 1));
        audit.append("sync.requested", "api", "stripe/customers", Map.of("full", true));
        file = data.resolve("audit/audit.jsonl");
    }

    void rewrite(java.util.function.Consumer<List<String>> change) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        change.accept(lines);
        Files.write(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theChainHoldsAcrossRestartsAndEntriesComeBackInOrder() {
        AuditLog audit = open("audit-key");
        audit.append("deadletter.redriven", "api", "1775000000-abc", null);

        assertThat(audit.verify()).isEqualTo(new AuditLog.Verification(true, 5, 0, null));
        assertThat(audit.entries(0, 100)).extracting(AuditEntry::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(audit.entries(3, 1)).extracting(AuditEntry::action).containsExactly("sync.requested");
        assertThat(audit.entries(0, 100).get(1).prev()).isEqualTo(audit.entries(0, 100).get(0).mac());
        assertThat(audit.head()).startsWith("5:");
    }

    @Test
    void anEditedEntryIsFound() throws Exception {
        rewrite(lines -> lines.set(1, lines.get(1).replace("\"invoice\":2", "\"invoice\":0")));

        var verification = open("audit-key").verify();
        assertThat(verification.valid()).isFalse();
        assertThat(verification.brokenAt()).isEqualTo(2);
        assertThat(verification.problem()).contains("changed");
    }

    @Test
    void aRemovedEntryIsFound() throws Exception {
        rewrite(lines -> lines.remove(2));

        var verification = open("audit-key").verify();
        assertThat(verification.valid()).isFalse();
        assertThat(verification.brokenAt()).isEqualTo(4);
        assertThat(verification.problem()).contains("entry 3 is missing");
    }

    @Test
    void anEntryRewrittenWithoutTheKeyIsFound() throws Exception {
        // renumbered after a removal, links and MACs recomputed with another key
        AuditLog forger = new AuditLog(new AuditProperties(Secret.valueOf("not-the-key")),
                new HubProperties(data.resolve("forged"), Path.of(""), HubProperties.Staging.spool,
                        HubProperties.Store.lucene), new TestClock(now::get),
                new FileAuditStorage(data.resolve("forged/audit/audit.jsonl")));
        forger.append("document.deleted", "api", "customer:stripe:cus_1", Map.of("reason", "duplicate"));
        Files.copy(data.resolve("forged/audit/audit.jsonl"), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThat(open("audit-key").verify().brokenAt()).isEqualTo(1);
    }

    @Test
    void aTornLastLineIsCutOffAndTheChainGoesOn() throws Exception {
        Files.writeString(file, "{\"seq\":5,\"at\":\"2026-12", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);

        AuditLog audit = open("audit-key");
        audit.append("document.deleted", "api", "event:frontapp:msg_1", null);

        assertThat(audit.verify()).isEqualTo(new AuditLog.Verification(true, 5, 0, null));
    }
}
