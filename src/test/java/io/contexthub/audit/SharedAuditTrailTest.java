package io.contexthub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.platform.HubProperties;
import io.contexthub.platform.Secret;
import io.contexthub.store.opensearch.OpenSearchAuditStorage;
import io.contexthub.store.opensearch.OpenSearchProperties;
import io.contexthub.support.OpenSearchTestNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Instances sharing OpenSearch and the audit key write one chain: appends from both, even at the same moment, get
 * distinct numbers without gaps, each entry links to the one before whoever wrote it, every instance reads and
 * verifies the whole chain, and an instance started later goes on from its end.
 */
class SharedAuditTrailTest {

    @TempDir
    Path data;
    final String prefix = "audit" + UUID.randomUUID().toString().substring(0, 8);
    final List<OpenSearchAuditStorage> opened = new ArrayList<>();

    AuditLog instance(String key) {
        OpenSearchAuditStorage storage = new OpenSearchAuditStorage(new OpenSearchProperties(
                URI.create(OpenSearchTestNode.url()), prefix, null, null, 0, "false"), new ObjectMapper());
        opened.add(storage);
        return new AuditLog(new AuditProperties(Secret.valueOf(key)), new HubProperties(data, null,
                HubProperties.Staging.kafka, HubProperties.Store.opensearch), Clock.systemUTC(), storage);
    }

    @AfterEach
    void close() {
        opened.forEach(OpenSearchAuditStorage::close);
    }

    @Test
    void twoInstancesAppendingAtOnceWriteOneChainThatBothVerify() throws Exception {
        AuditLog first = instance("shared-audit-key");
        AuditLog second = instance("shared-audit-key");
        var pool = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<AuditEntry>> appends = IntStream.range(0, 40).mapToObj(i -> CompletableFuture
                    .supplyAsync(() -> (i % 2 == 0 ? first : second).append("sync.requested", "instance-" + (i % 2),
                            "stripe/customers", Map.of("n", i)), pool)).toList();
            CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)).get();
            assertThat(appends.stream().map(CompletableFuture::join).map(AuditEntry::seq).distinct().count())
                    .isEqualTo(40);
        } finally {
            pool.shutdownNow();
        }

        assertThat(first.verify()).isEqualTo(new AuditLog.Verification(true, 40, 0, null));
        assertThat(second.verify()).isEqualTo(new AuditLog.Verification(true, 40, 0, null));
        assertThat(second.entries(0, 100)).extracting(AuditEntry::seq)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 40).mapToObj(Long::valueOf).toList());
        assertThat(first.entries(0, 100)).extracting(AuditEntry::actor).contains("instance-0", "instance-1");

        AuditLog later = instance("shared-audit-key");
        assertThat(later.append("hub.started", "hub", null, null).seq()).isEqualTo(41);
        assertThat(first.append("deadletter.redriven", "api", "x", null).seq()).as("caught up past the newcomer")
                .isEqualTo(42);
        assertThat(later.verify().valid()).isTrue();
    }

    @Test
    void anInstanceSigningWithAnotherKeyBreaksTheChainWhereItWrote() {
        AuditLog right = instance("shared-audit-key");
        right.append("document.deleted", "api", "customer:stripe:cus_1", Map.of("reason", "duplicate"));
        instance("another-key").append("document.deleted", "api", "customer:stripe:cus_2", null);
        right.append("document.deleted", "api", "customer:stripe:cus_3", null);

        AuditLog.Verification verification = right.verify();
        assertThat(verification.valid()).isFalse();
        assertThat(verification.brokenAt()).isEqualTo(2);
    }
}
