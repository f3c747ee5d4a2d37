package io.contexthub.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.contexthub.platform.HubProperties;
import io.contexthub.platform.Secret;
import io.contexthub.support.TestClock;
import io.contexthub.sync.FileCheckpointStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stored connection as two instances sharing a checkpoint store see it: sealed (nothing of it in clear), read again
 * after the recheck interval, unreadable under another seal secret (then configuration's credentials apply), and
 * the embedded hub's generated seal key kept, private, across restarts.
 */
class ConnectedCredentialTest {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    @TempDir
    Path dir;
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-02T10:00:00Z"));
    final TestClock clock = new TestClock(now::get);

    ConnectionVault vault(String secret, HubProperties.Store store) {
        return new ConnectionVault(new ConnectionProperties(Secret.valueOf(secret), null, Duration.ofSeconds(5)),
                new HubProperties(dir, null, HubProperties.Staging.spool, store));
    }

    ConnectedCredential instance(FileCheckpointStore store, ConnectionVault vault) {
        return new ConnectedCredential("stripe", store, vault, clock, JSON);
    }

    static Connection key(String value) {
        return new Connection(Map.of("api_key", value), "sk_test_…" + value.substring(value.length() - 4),
                Instant.parse("2026-12-02T09:59:00Z"), "admin");
    }

    @Test
    void aConnectionMadeOnOneInstanceIsUsedOnAnotherWithinTheRecheckAndIsStoredSealed() throws Exception {
        FileCheckpointStore store = new FileCheckpointStore(dir.resolve("checkpoints"), JSON, clock);
        ConnectionVault vault = vault("shared-seal", HubProperties.Store.opensearch);
        ConnectedCredential here = instance(store, vault);
        ConnectedCredential there = instance(store, vault);
        assertThat(there.current()).isEmpty();

        here.store(key("sk_test_live_secret_9876"));
        assertThat(here.secret("api_key")).isEqualTo("sk_test_live_secret_9876");
        assertThat(there.current()).as("read a moment ago").isEmpty();
        now.set(now.get().plusSeconds(5));
        assertThat(there.secret("api_key")).isEqualTo("sk_test_live_secret_9876");
        assertThat(there.version()).isEqualTo("2026-12-02T09:59:00Z");
        assertThat(Files.readString(dir.resolve("checkpoints").resolve("connection.stripe.credential")))
                .startsWith("v1:").doesNotContain("sk_test").doesNotContain("admin");

        here.remove();
        now.set(now.get().plusSeconds(5));
        assertThat(there.current()).isEmpty();
        assertThat(there.version()).isEmpty();
    }

    @Test
    void aConnectionSealedUnderAnotherSecretCountsAsNone() {
        FileCheckpointStore store = new FileCheckpointStore(dir.resolve("checkpoints"), JSON, clock);
        instance(store, vault("first-seal", HubProperties.Store.opensearch)).store(key("sk_test_secret_1234"));
        assertThat(instance(store, vault("second-seal", HubProperties.Store.opensearch)).current()).isEmpty();
    }

    @Test
    void sharedStorageNeedsAConfiguredSecretAndTheEmbeddedHubGeneratesAPrivateOne() throws Exception {
        ConnectionVault shared = vault(null, HubProperties.Store.opensearch);
        assertThat(shared.seal()).isEmpty();
        assertThat(shared.unavailable()).contains("hub.connections.seal-secret");

        FileCheckpointStore store = new FileCheckpointStore(dir.resolve("checkpoints"), JSON, clock);
        instance(store, vault(null, HubProperties.Store.lucene)).store(key("sk_test_secret_5678"));
        Path keyFile = dir.resolve(ConnectionVault.KEY_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(instance(store, vault(null, HubProperties.Store.lucene)).secret("api_key"))
                .as("a restarted hub reads it with the same generated key").isEqualTo("sk_test_secret_5678");
    }
}
