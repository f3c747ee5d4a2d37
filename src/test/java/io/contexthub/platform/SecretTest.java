package io.contexthub.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.contexthub.api.ApiProperties;
import io.contexthub.connector.frontapp.FrontAppSyncProperties;
import io.contexthub.store.opensearch.OpenSearchProperties;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
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
}
