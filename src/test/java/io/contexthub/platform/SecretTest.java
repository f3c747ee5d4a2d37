package io.contexthub.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contexthub.api.ApiProperties;
import io.contexthub.connector.frontapp.FrontAppSyncProperties;
import io.contexthub.store.opensearch.OpenSearchProperties;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class SecretTest {

    @Test
    void aSecretNeverPrintsItselfNotEvenInsideASettingsRecord() {
        Secret token = Secret.valueOf("tok-123456");
        assertThat(token.toString()).doesNotContain("tok-123456");
        assertThat(new ApiProperties(token, 100, false).toString()).doesNotContain("tok-123456").contains("******");
        assertThat(new OpenSearchProperties(URI.create("http://os:9200"), "context", "hub",
                Secret.valueOf("pa55word"), 1, "false").toString()).doesNotContain("pa55word");
        assertThat(token.reveal()).isEqualTo("tok-123456");
    }

    @Test
    void itBindsFromConfigurationAndBlankMeansUnset() {
        var source = new MapConfigurationPropertySource(Map.of("hub.connectors.frontapp.api-token", " front-token ",
                "hub.connectors.frontapp.oauth.client-secret", ""));
        FrontAppSyncProperties front = new Binder(source).bindOrCreate("hub.connectors.frontapp",
                FrontAppSyncProperties.class);
        assertThat(front.apiToken().reveal()).isEqualTo("front-token");
        assertThat(front.oauth().clientSecret()).isNull();
        assertThat(front.toString()).doesNotContain("front-token");
        assertThat(Secret.valueOf("  ")).isNull();
    }

    @Test
    void itComparesByValue() {
        Secret token = Secret.valueOf("abc");
        assertThat(token.matches("abc")).isTrue();
        assertThat(token.matches("abd")).isFalse();
        assertThat(token.matches(null)).isFalse();
        assertThat(token).isEqualTo(Secret.valueOf("abc")).isNotEqualTo(Secret.valueOf("abcd"));
    }

    @Test
    void aSecretMayComeFromAMountedFileOrTheEnvironment(@TempDir Path dir) throws IOException {
        Path mounted = Files.writeString(dir.resolve("hub-token"), "from-the-secret-manager\n");
        var source = new MapConfigurationPropertySource(Map.of("hub.api.token", "file:" + mounted));
        ApiProperties api = new Binder(source).bindOrCreate("hub.api", ApiProperties.class);
        assertThat(api.token().reveal()).isEqualTo("from-the-secret-manager");

        assertThat(SecretReferences.resolve("env:FRONT_SECRET", Map.of("FRONT_SECRET", "s3cret")::get))
                .isEqualTo("s3cret");
        assertThat(SecretReferences.resolve("plain-value", name -> null)).isEqualTo("plain-value");
    }

    @Test
    void aReferenceThatLeadsNowhereStopsTheBindingNamingTheProperty(@TempDir Path dir) {
        var source = new MapConfigurationPropertySource(Map.of("hub.api.token", "file:" + dir.resolve("missing")));
        assertThatThrownBy(() -> new Binder(source).bindOrCreate("hub.api", ApiProperties.class))
                .isInstanceOf(BindException.class).hasMessageContaining("hub.api.token")
                .rootCause().hasMessageContaining("cannot be read");
        assertThatThrownBy(() -> SecretReferences.resolve("env:NOT_SET_ANYWHERE", name -> null))
                .hasMessageContaining("NOT_SET_ANYWHERE named for a secret is not set");
    }
}
