package io.contexthub.suppression;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.platform.HubProperties;
import io.contexthub.platform.Secret;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suppression list keeps keyed hashes only, survives a restart, and finds an erased person's identifiers
 * anywhere in a payload, normalised as search normalises them.
 */
class SuppressionsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    Suppressions open(String key) {
        return new Suppressions(new SuppressionProperties(key == null ? null : Secret.valueOf(key)),
                new HubProperties(data, Path.of(""), HubProperties.Staging.spool, HubProperties.Store.lucene),
                new FileSuppressionList(data.resolve("privacy/suppressed.txt")), new SimpleMeterRegistry(),
                io.contexthub.tenant.Tenants.single());
    }

    @Test
    void anErasedPersonIsFoundAnywhereInAPayloadAndOnlyHashesAreKept() throws Exception {
        Suppressions suppressions = open("test-key");
        assertThat(suppressions.mentionsSuppressed(JSON.readTree("{\"email\":\"ingrid@fjordpost.no\"}"))).isFalse();

        assertThat(suppressions.suppress(List.of("Ingrid@FjordPost.no", "+47 912 34 567", "cus_Erase1"))).isEqualTo(3);
        assertThat(suppressions.suppress(List.of("ingrid@fjordpost.no"))).as("normalised alike").isZero();

        assertThat(suppressions.mentionsSuppressed(JSON.readTree(
                "{\"data\":{\"object\":{\"customer_email\":\"INGRID@fjordpost.no\"}}}"))).isTrue();
        assertThat(suppressions.mentionsSuppressed(JSON.readTree(
                "{\"recipients\":[{\"handle\":\"Ingrid Lund <ingrid@fjordpost.no>\"}]}"))).isTrue();
        assertThat(suppressions.mentionsSuppressed(JSON.readTree("{\"phone\":\"+4791234567\"}"))).isTrue();
        assertThat(suppressions.mentionsSuppressed(JSON.readTree("{\"customer\":\"cus_Erase1\"}"))).isTrue();
        assertThat(suppressions.mentionsSuppressed(JSON.readTree(
                "{\"email\":\"someone.else@fjordpost.no\",\"text\":\"ingrid wrote to us\"}"))).isFalse();
        assertThat(suppressions.anySuppressed(List.of("customer:stripe:other", "cus_erase1"))).isTrue();

        String stored = Files.readString(data.resolve("privacy/suppressed.txt"), StandardCharsets.US_ASCII);
        assertThat(stored).doesNotContainIgnoringCase("ingrid").doesNotContain("912").doesNotContain("Erase1");
        assertThat(stored.lines().filter(l -> !l.isBlank())).hasSize(3).allMatch(l -> l.matches("[0-9a-f]{64}"));

        // a restart keeps them; another key reads them as nothing (rotating the key forgets every suppression)
        assertThat(open("test-key").anySuppressed(List.of("ingrid@fjordpost.no"))).isTrue();
        assertThat(open("another-key").anySuppressed(List.of("ingrid@fjordpost.no"))).isFalse();
    }

    @Test
    void withoutAConfiguredKeyOneIsGeneratedOnceAndKept() {
        Suppressions first = open(null);
        first.suppress(List.of("ingrid@fjordpost.no"));

        assertThat(open(null).anySuppressed(List.of("ingrid@fjordpost.no"))).isTrue();
        assertThat(data.resolve("privacy/suppression.key")).exists();
    }
}
