package io.contexthub.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.contexthub.support.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A rotated refresh token outlives the process that received it, sealed so the store never holds it in clear;
 * the operator's newly configured token, or a changed client secret, falls back to configuration.
 */
class RotatingRefreshTokenTest {

    static final String NAME = "frontapp.oauth-refresh-token";
    final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
    Instant now = Instant.parse("2026-11-23T06:00:00Z");
    final TestClock clock = new TestClock(() -> now);
    final FileCheckpointStore store = new FileCheckpointStore(Path.of("target", "credentials-" + UUID.randomUUID()),
            mapper, clock);

    RotatingRefreshToken token(String configured, String clientSecret) {
        return new RotatingRefreshToken(NAME, () -> configured, new CredentialSeal(clientSecret), store, clock, mapper);
    }

    @Test
    void theNewestRotationIsUsedHereAndByTheNextProcess() {
        RotatingRefreshToken first = token("refresh-1", "client-secret");
        assertThat(first.current()).isEqualTo("refresh-1");

        first.rotated("refresh-1", "refresh-2");
        now = now.plus(Duration.ofHours(1));
        first.rotated("refresh-2", "refresh-3");

        assertThat(first.current()).isEqualTo("refresh-3");
        assertThat(token("refresh-1", "client-secret").current()).as("after a restart").isEqualTo("refresh-3");
        assertThat(store.credential(NAME).orElseThrow()).startsWith("v1:").doesNotContain("refresh-3");
    }

    @Test
    void anAnswerWithoutANewTokenChangesNothing() {
        RotatingRefreshToken token = token("refresh-1", "client-secret");
        token.rotated("refresh-1", null);
        token.rotated("refresh-1", "refresh-1");

        assertThat(store.credential(NAME)).isEmpty();
        assertThat(token.current()).isEqualTo("refresh-1");
    }

    @Test
    void aNewlyConfiguredTokenWinsOverTheStoredChain() {
        token("refresh-1", "client-secret").rotated("refresh-1", "refresh-2");

        assertThat(token("reauthorised-1", "client-secret").current()).isEqualTo("reauthorised-1");
    }

    @Test
    void aTokenSealedUnderAnotherClientSecretIsNotUsed() {
        token("refresh-1", "client-secret").rotated("refresh-1", "refresh-2");

        assertThat(token("refresh-1", "rotated-client-secret").current()).isEqualTo("refresh-1");
    }

    @Test
    void aSealIsBoundToItsNameAndSecret() {
        CredentialSeal seal = new CredentialSeal("client-secret");
        String sealed = seal.seal(NAME, "refresh-2");

        assertThat(seal.open(NAME, sealed)).contains("refresh-2");
        assertThat(seal.seal(NAME, "refresh-2")).as("fresh nonce each time").isNotEqualTo(sealed);
        assertThat(seal.open("other.oauth-refresh-token", sealed)).isEmpty();
        assertThat(new CredentialSeal("another-secret").open(NAME, sealed)).isEmpty();
        String tampered = sealed.substring(0, sealed.length() - 4) + (sealed.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThat(seal.open(NAME, tampered)).isEmpty();
        assertThat(seal.open(NAME, "not sealed")).isEmpty();
    }
}
