package io.contexthub.support;

import io.contexthub.connector.frontapp.FrontAppWebhookProperties;
import io.contexthub.connector.hubspot.HubSpotWebhookProperties;
import io.contexthub.connector.stripe.StripeWebhookProperties;
import io.contexthub.webhook.WebhookProperties;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.util.unit.DataSize;

/** Webhook settings for unit tests of one source: the shared defaults, and the secrets under test. */
public final class WebhookSettings {

    private WebhookSettings() {
    }

    /** The shared ingress settings at their defaults. */
    public static WebhookProperties shared() {
        return new WebhookProperties(Duration.ofMinutes(5), DataSize.ofMegabytes(1),
                new WebhookProperties.RateLimit(100, 1000));
    }

    public static FrontAppWebhookProperties front(String... secrets) {
        return frontWithRules(List.of(secrets), List.of());
    }

    /** Application webhook secrets and rule webhook (company API) secrets. */
    public static FrontAppWebhookProperties frontWithRules(List<String> secrets, List<String> ruleSecrets) {
        return new FrontAppWebhookProperties(secrets, ruleSecrets);
    }

    public static StripeWebhookProperties stripe(String... secrets) {
        return new StripeWebhookProperties(List.of(secrets));
    }

    public static HubSpotWebhookProperties hubspot(URI publicUrl, String... secrets) {
        return new HubSpotWebhookProperties(List.of(secrets), publicUrl);
    }
}
