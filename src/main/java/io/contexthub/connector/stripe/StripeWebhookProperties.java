package io.contexthub.connector.stripe;

import io.contexthub.webhook.WebhookSecrets;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Stripe's webhook secrets ({@code hub.webhooks.stripe.*}).
 *
 * @param secret the endpoint's signing secret(s) ({@code whsec_...}, used as they are); comma-separated while rolling
 */
@ConfigurationProperties("hub.webhooks.stripe")
public record StripeWebhookProperties(List<String> secret) {

    public StripeWebhookProperties {
        secret = new WebhookSecrets(secret).secret();
    }

    @Override
    public String toString() {
        return "StripeWebhookProperties[" + secret.size() + " secrets configured]";
    }
}
