package io.contexthub.connector.frontapp;

import io.contexthub.webhook.WebhookSecrets;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Front's webhook secrets ({@code hub.webhooks.frontapp.*}).
 *
 * @param secret     the Front app's signing secret(s) for application webhooks; comma-separated while rotating
 * @param ruleSecret the company's API secret(s) that sign rule webhooks ("Call a webhook" rule action), which
 *                   carry no timestamp; unset: only application webhooks are accepted
 */
@ConfigurationProperties("hub.webhooks.frontapp")
public record FrontAppWebhookProperties(List<String> secret, List<String> ruleSecret) {

    public FrontAppWebhookProperties {
        secret = new WebhookSecrets(secret).secret();
        ruleSecret = new WebhookSecrets(ruleSecret).secret();
    }

    @Override
    public String toString() {
        return "FrontAppWebhookProperties[" + secret.size() + " secrets, " + ruleSecret.size()
                + " rule secrets configured]";
    }
}
