package io.contexthub.support;

import io.contexthub.webhook.WebhookProperties;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.util.unit.DataSize;

/** WebhookProperties for unit tests of one source: defaults everywhere, the secrets under test where they belong. */
public final class WebhookSettings {

    private WebhookSettings() {
    }

    public static WebhookProperties front(String... secrets) {
        return frontWithRules(List.of(secrets), List.of());
    }

    /** Application webhook secrets and rule webhook (company API) secrets. */
    public static WebhookProperties frontWithRules(List<String> secrets, List<String> ruleSecrets) {
        return of(new WebhookProperties.FrontApp(secrets, ruleSecrets), none(), new WebhookProperties.HubSpot(null, null));
    }

    public static WebhookProperties stripe(String... secrets) {
        return of(noFront(), new WebhookProperties.Secrets(List.of(secrets)), new WebhookProperties.HubSpot(null, null));
    }

    public static WebhookProperties hubspot(URI publicUrl, String... secrets) {
        return of(noFront(), none(), new WebhookProperties.HubSpot(List.of(secrets), publicUrl));
    }

    private static WebhookProperties.FrontApp noFront() {
        return new WebhookProperties.FrontApp(List.of(), List.of());
    }

    private static WebhookProperties.Secrets none() {
        return new WebhookProperties.Secrets(List.of());
    }

    private static WebhookProperties of(WebhookProperties.FrontApp front, WebhookProperties.Secrets stripe,
                                        WebhookProperties.HubSpot hubspot) {
        return new WebhookProperties(Duration.ofMinutes(5), DataSize.ofMegabytes(1),
                new WebhookProperties.RateLimit(100, 1000), front, stripe, hubspot);
    }
}
