package io.contexthub.staging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDeliveryKeysTest {

    @TempDir
    Path dir;

    @Test
    void aRememberedKeyIsSeenAgainAfterARestart() throws Exception {
        Path file = dir.resolve("idempotency/webhooks.dat");
        try (FileDeliveryKeys keys = new FileDeliveryKeys(file, 10)) {
            assertThat(keys.seen("frontapp:evt_1")).isFalse();
            keys.remember("frontapp:evt_1");
            assertThat(keys.seen("frontapp:evt_1")).isTrue();
        }
        try (FileDeliveryKeys reopened = new FileDeliveryKeys(file, 10)) {
            assertThat(reopened.seen("frontapp:evt_1")).isTrue();
            assertThat(reopened.seen("frontapp:evt_2")).isFalse();
        }
    }

    @Test
    void theOldestKeysAreForgottenAndTheFileIsCompacted() throws Exception {
        Path file = dir.resolve("keys.dat");
        try (FileDeliveryKeys keys = new FileDeliveryKeys(file, 3)) {
            for (int i = 0; i < 7; i++) {
                keys.remember("k" + i);
            }
            assertThat(keys.seen("k0")).isFalse();
            assertThat(keys.seen("k6")).isTrue();
        }
        // 7 lines > 2 x 3: rewritten from memory when the 7th arrived
        assertThat(Files.readAllLines(file)).containsExactly("k4", "k5", "k6");
        try (FileDeliveryKeys reopened = new FileDeliveryKeys(file, 3)) {
            assertThat(reopened.seen("k4")).isTrue();
            assertThat(reopened.seen("k3")).isFalse();
        }
    }

    @Test
    void aLineTornByAKillIsAKeyNotRememberedAndTheNextKeysStillCount() throws Exception {
        Path file = dir.resolve("keys.dat");
        Files.writeString(file, "stripe:evt_1\nstripe:evt_", StandardCharsets.UTF_8);
        try (FileDeliveryKeys keys = new FileDeliveryKeys(file, 10)) {
            assertThat(keys.seen("stripe:evt_1")).isTrue();
            assertThat(keys.seen("stripe:evt_2")).isFalse();
            keys.remember("stripe:evt_2");
        }
        try (FileDeliveryKeys keys = new FileDeliveryKeys(file, 10)) {
            assertThat(keys.seen("stripe:evt_1")).isTrue();
            assertThat(keys.seen("stripe:evt_2")).isTrue();
        }
    }
}
