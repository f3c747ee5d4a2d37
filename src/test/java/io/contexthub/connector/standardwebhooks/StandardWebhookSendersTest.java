package io.contexthub.connector.standardwebhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.connector.frontapp.FrontAppWebhookSource;
import io.contexthub.connector.hubspot.HubSpotWebhookSource;
import io.contexthub.connector.stripe.StripeWebhookSource;
import io.contexthub.platform.Assets;
import io.contexthub.platform.HubProperties;
import io.contexthub.support.WebhookSettings;
import io.contexthub.webhook.WebhookSource;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Which senders configuration declares, and the startup errors an operator sees for a bad one. */
class StandardWebhookSendersTest {

    static final Assets ASSETS = new Assets(new HubProperties(Path.of("target"), Path.of("").toAbsolutePath(),
            HubProperties.Staging.spool, HubProperties.Store.lucene));
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    static StandardWebhookSenders senders(Map<String, Object> properties, Map<String, Object> environment) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", properties));
        // in place of the real process environment, under the name Spring Boot maps HUB_X_Y variables for
        env.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        environment));
        StandardWebhooksProperties declared = Binder.get(env).bind("hub.webhooks", StandardWebhooksProperties.class)
                .orElseGet(() -> new StandardWebhooksProperties(null));
        var mapper = new ObjectMapper();
        List<WebhookSource> builtIn = List.of(
                new FrontAppWebhookSource(WebhookSettings.front(), WebhookSettings.shared(), Clock.systemUTC(), mapper),
                new StripeWebhookSource(WebhookSettings.stripe(), WebhookSettings.shared(), Clock.systemUTC(), mapper),
                new HubSpotWebhookSource(WebhookSettings.hubspot(null), WebhookSettings.shared(), Clock.systemUTC(),
                        mapper));
        return new StandardWebhookSenders(env, declared, WebhookSettings.shared(), builtIn, ASSETS, Clock.systemUTC(),
                mapper);
    }

    @Test
    void sendersAreAMapByNameFromPropertiesOrTheEnvironment() {
        var senders = senders(Map.of("hub.webhooks.senders.acme.secret", SECRET,
                        "hub.webhooks.senders.acme.mapping", "hubspot", "hub.webhooks.stripe.secret", "whsec_y"),
                Map.of("HUB_WEBHOOKS_SENDERS_BILLING_SECRET", SECRET));

        assertThat(senders.sources()).extracting(WebhookSource::name).containsExactly("acme", "billing");
        assertThat(senders.directory("acme")).contains("hubspot");
        assertThat(senders.directory("billing")).contains(StandardWebhookSenders.GENERIC_MAPPING);
    }

    @Test
    void aSenderDeclaredTwiceOrNamedLikeABuiltInSourceStopsTheHub() {
        assertThatThrownBy(() -> senders(Map.of("hub.webhooks.senders.acme.secret", SECRET,
                "hub.webhooks.acme.secret", SECRET), Map.of())).hasMessageContaining("hub.webhooks.senders.acme");
        assertThatThrownBy(() -> senders(Map.of("hub.webhooks.senders.stripe.secret", SECRET), Map.of()))
                .hasMessageContaining("hub.webhooks.senders.stripe.secret");
    }

    /** The form of earlier releases: still read, with a deprecation warning. */
    @Test
    void everyOtherNameWithASecretIsASenderFromPropertiesOrTheEnvironment() {
        var senders = senders(Map.of("hub.webhooks.acme.secret", SECRET, "hub.webhooks.frontapp.secret", "x",
                        "hub.webhooks.stripe.secret", "whsec_y", "hub.webhooks.rate-limit.requests", "5"),
                Map.of("HUB_WEBHOOKS_BILLING_SECRET", SECRET));

        assertThat(senders.sources()).extracting(WebhookSource::name).containsExactly("acme", "billing");
        assertThat(senders.directory("acme")).contains(StandardWebhookSenders.GENERIC_MAPPING);
        assertThat(senders.directory("stripe")).as("built-in sources keep their own mappings").isEmpty();
    }

    @Test
    void aSenderWithItsOwnMappingDirectoryUsesIt() {
        var senders = senders(Map.of("hub.webhooks.acme.secret", SECRET, "hub.webhooks.acme.mapping", "hubspot"),
                Map.of());

        assertThat(senders.directory("acme")).contains("hubspot");
    }

    @Test
    void aBadSecretOrMappingStopsTheHubNamingTheProperty() {
        assertThatThrownBy(() -> senders(Map.of("hub.webhooks.acme.secret", "whsec_not base64!"), Map.of()))
                .hasMessageContaining("hub.webhooks.acme.secret");
        assertThatThrownBy(() -> senders(Map.of("hub.webhooks.acme.secret", SECRET,
                "hub.webhooks.acme.mapping", "no-such-directory"), Map.of()))
                .hasMessageContaining("hub.webhooks.acme.mapping");
    }
}
