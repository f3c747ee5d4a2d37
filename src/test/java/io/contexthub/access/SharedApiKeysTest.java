package io.contexthub.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.contexthub.store.DocumentScope;
import io.contexthub.store.opensearch.OpenSearchKeyStorage;
import io.contexthub.store.opensearch.OpenSearchProperties;
import io.contexthub.support.OpenSearchTestNode;
import io.contexthub.support.TestClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;

/**
 * Two hub instances sharing their keys in a real OpenSearch node, as a StatefulSet of two behind one Service does:
 * whichever instance a request reaches, a key made, rotated or revoked through the other one is honoured.
 */
class SharedApiKeysTest {

    static final Duration REFRESH = Duration.ofMillis(200);
    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    final String prefix = "keys" + UUID.randomUUID().toString().substring(0, 8);
    final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
    final Clock clock = new TestClock(() -> NOW);
    final List<AutoCloseable> opened = new ArrayList<>();

    ApiKeys instance() {
        OpenSearchKeyStorage storage = new OpenSearchKeyStorage(new OpenSearchProperties(
                URI.create(OpenSearchTestNode.url()), prefix, null, null, 0, "false"), mapper);
        ApiKeys keys = new ApiKeys(storage, ApiKeysTest.settings(REFRESH), clock, new SimpleMeterRegistry());
        opened.add(keys);
        opened.add(storage);
        return keys;
    }

    ApiKeys.Issued create(ApiKeys keys, String name) {
        return keys.create(name, "ops", Role.READER, DocumentScope.ALL, NOW.plus(Duration.ofDays(1)), null,
                "default");
    }

    @Test
    void aKeyMadeThroughOneInstanceWorksOnTheOtherAtOnceAndIsListedThere() {
        ApiKeys first = instance();
        ApiKeys second = instance();
        create(second, "known before"); // so the second has keys in memory that do not include the new one

        ApiKeys.Issued issued = create(first, "agent");

        assertThat(second.authenticate(issued.token()).principal()).isEqualTo("key:" + issued.key().id());
        assertThat(second.all()).extracting(ApiKey::name).containsExactlyInAnyOrder("known before", "agent");
        assertThat(second.require(issued.key().id()).name()).isEqualTo("agent");
    }

    @Test
    void aRevocationThroughOneInstanceReachesTheOtherWithinTheRefresh() {
        ApiKeys first = instance();
        ApiKeys second = instance();
        ApiKeys.Issued issued = create(first, "agent");
        assertThat(second.authenticate(issued.token()).role()).isEqualTo(Role.READER); // now in its memory

        first.revoke(issued.key().id());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThatThrownBy(
                () -> second.authenticate(issued.token())).isInstanceOf(BadCredentialsException.class)
                .hasMessageContaining("was revoked at"));
    }

    @Test
    void aRotationThroughOneInstanceIsHonouredOnTheOtherAtOnce() {
        ApiKeys first = instance();
        ApiKeys second = instance();
        ApiKeys.Issued issued = create(first, "agent");
        assertThat(second.authenticate(issued.token()).role()).isEqualTo(Role.READER);

        ApiKeys.Issued rotated = first.rotate(issued.key().id(), Duration.ZERO);

        assertThat(second.authenticate(rotated.token()).role()).isEqualTo(Role.READER);
        assertThatThrownBy(() -> second.authenticate(issued.token())).isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void aChangeReadsTheKeyFromTheStorageNotFromMemory() {
        ApiKeys first = instance();
        ApiKeys second = instance();
        ApiKeys.Issued issued = create(first, "agent");
        second.authenticate(issued.token());
        first.revoke(issued.key().id());

        // the second has the live key in memory; rotating it there must not bring it back to life
        assertThatThrownBy(() -> second.rotate(issued.key().id(), Duration.ZERO))
                .hasMessageContaining("revoked or expired");
        assertThat(first.require(issued.key().id()).revokedAt()).isEqualTo(NOW);
    }

    @Test
    void anUnreadableStorageKeepsKnownKeysAndAnswersAnUnknownOneAsUnavailable() {
        FlakyStorage storage = new FlakyStorage();
        ApiKeys keys = new ApiKeys(storage, ApiKeysTest.settings(Duration.ofHours(1)), clock,
                new SimpleMeterRegistry());
        opened.add(keys);
        ApiKeys.Issued known = create(keys, "known");
        ApiKeys.Issued other = create(keys, "other");
        storage.keys.remove(other.key().id()); // as if made elsewhere and not yet seen here
        keys.refresh();

        storage.down = true;
        keys.refresh();

        assertThat(keys.authenticate(known.token()).role()).isEqualTo(Role.READER);
        assertThatThrownBy(() -> keys.authenticate(other.token()))
                .isInstanceOf(IdentityProviderUnavailableException.class);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    /** A shared storage in memory that can be made unreachable. */
    static final class FlakyStorage implements KeyStorage {
        final Map<String, ApiKey> keys = new LinkedHashMap<>();
        volatile boolean down;

        @Override
        public List<ApiKey> all() {
            check();
            return List.copyOf(keys.values());
        }

        @Override
        public Optional<ApiKey> get(String id) {
            check();
            return Optional.ofNullable(keys.get(id));
        }

        @Override
        public void put(ApiKey key) {
            check();
            keys.put(key.id(), key);
        }

        @Override
        public boolean shared() {
            return true;
        }

        private void check() {
            if (down) {
                throw new IllegalStateException("storage unreachable");
            }
        }
    }
}
