package io.contexthub.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.contexthub.platform.RequestRejectedException;
import io.contexthub.store.DocumentScope;
import io.contexthub.support.TestClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.authentication.BadCredentialsException;

class ApiKeysTest {

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path data;
    final AtomicReference<Instant> now = new AtomicReference<>(NOW);
    final TestClock clock = new TestClock(now::get);
    final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    ApiKeys keys() {
        return new ApiKeys(new FileKeyStorage(data, mapper), settings(Duration.ofSeconds(5)), clock, meters);
    }

    static AccessProperties settings(Duration keyRefresh) {
        return new AccessProperties(Duration.ofDays(90), 600, new AccessProperties.Jwt(null, null, null, "hub_role",
                "hub_sources", "hub_types", "hub_tenant"), List.of(), Duration.ofDays(365), keyRefresh);
    }

    @Test
    void aKeyIsKeptOnlyAsASaltedHashAndSurvivesARestart() throws Exception {
        ApiKeys.Issued issued = keys().create("agent", "ops", Role.READER,
                new DocumentScope(Set.of("event"), Set.of("frontapp")), NOW.plus(Duration.ofDays(1)), null, "default");
        assertThat(issued.token()).matches("chk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}");

        Path file = data.resolve("access/keys.json");
        String stored = Files.readString(file);
        String secret = issued.token().substring(21);
        assertThat(stored).contains(issued.key().id()).doesNotContain(secret);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

        Grant grant = keys().authenticate(issued.token());
        assertThat(grant.principal()).isEqualTo("key:" + issued.key().id());
        assertThat(grant.role()).isEqualTo(Role.READER);
        assertThat(grant.scope().allowsId("event:frontapp:msg_1")).isTrue();
        assertThat(grant.scope().allowsId("invoice:stripe:in_1")).isFalse();
    }

    @Test
    void aWrongSecretAnUnknownIdAndAnythingElseAreRefusedAlike() {
        ApiKeys keys = keys();
        String token = keys.create("agent", "ops", Role.ADMIN, DocumentScope.ALL, NOW.plusSeconds(60), null, "default").token();
        String wrongSecret = token.substring(0, 21) + "B".repeat(43);
        String unknownId = "chk_" + "f".repeat(16) + token.substring(20);
        for (String bad : new String[] {wrongSecret, unknownId, "chk_", token + "x"}) {
            assertThatThrownBy(() -> keys.authenticate(bad)).as(bad).isInstanceOf(BadCredentialsException.class)
                    .hasMessage("the bearer token is not valid");
        }
    }

    @Test
    void anExpiredKeyIsRefusedSayingSo() {
        ApiKeys keys = keys();
        String token = keys.create("agent", "ops", Role.READER, DocumentScope.ALL, NOW.plusSeconds(60), null, "default").token();
        assertThat(keys.authenticate(token).role()).isEqualTo(Role.READER);
        String id = token.substring(4, 20);
        assertThat(meters.get("hub.access.key.expires").tag("key", "key:" + id).gauge().value()).isEqualTo(60.0);
        now.set(NOW.plusSeconds(60));
        assertThatThrownBy(() -> keys.authenticate(token)).hasMessageContaining("expired at 2026-12-01T10:01:00Z");
        assertThat(meters.get("hub.access.key.expires").tag("key", "key:" + id).gauge().value()).isZero();
    }

    @Test
    void rotationIssuesANewSecretAndKeepsTheOldOneOnlyForTheGracePeriod() {
        ApiKeys keys = keys();
        ApiKeys.Issued first = keys.create("agent", "ops", Role.OPERATOR, DocumentScope.ALL, NOW.plusSeconds(3600), null,
                "default");
        ApiKeys.Issued second = keys.rotate(first.key().id(), Duration.ofMinutes(10));
        assertThat(second.key().id()).isEqualTo(first.key().id());
        assertThat(second.token()).isNotEqualTo(first.token());
        assertThat(keys().authenticate(first.token()).role()).isEqualTo(Role.OPERATOR);
        assertThat(keys().authenticate(second.token()).role()).isEqualTo(Role.OPERATOR);

        now.set(NOW.plus(Duration.ofMinutes(10)));
        assertThatThrownBy(() -> keys().authenticate(first.token())).isInstanceOf(BadCredentialsException.class);
        assertThat(keys().authenticate(second.token()).role()).isEqualTo(Role.OPERATOR);

        ApiKeys.Issued third = keys.rotate(first.key().id(), Duration.ZERO);
        assertThatThrownBy(() -> keys.authenticate(second.token())).isInstanceOf(BadCredentialsException.class);
        assertThat(keys.authenticate(third.token()).role()).isEqualTo(Role.OPERATOR);
    }

    @Test
    void aRevokedKeyIsRefusedFromThenOnAndCannotBeRotatedBackToLife() {
        ApiKeys keys = keys();
        ApiKeys.Issued issued = keys.create("agent", "ops", Role.ADMIN, DocumentScope.ALL, NOW.plusSeconds(3600), null,
                "default");
        assertThat(meters.find("hub.access.key.expires").tag("key", "key:" + issued.key().id()).gauge()).isNotNull();
        keys.revoke(issued.key().id());
        assertThat(meters.find("hub.access.key.expires").tag("key", "key:" + issued.key().id()).gauge()).isNull();
        assertThatThrownBy(() -> keys().authenticate(issued.token())).hasMessageContaining("was revoked at");
        assertThatThrownBy(() -> keys.rotate(issued.key().id(), Duration.ZERO))
                .isInstanceOfSatisfying(RequestRejectedException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThat(keys().all()).extracting(ApiKey::revokedAt).containsExactly(NOW);
    }
}
