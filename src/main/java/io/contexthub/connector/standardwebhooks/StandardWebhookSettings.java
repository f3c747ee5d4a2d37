package io.contexthub.connector.standardwebhooks;

import io.contexthub.webhook.WebhookSecrets;
import java.util.List;

/**
 * One Standard Webhooks sender, bound from {@code hub.webhooks.<name>.*}.
 *
 * @param secret  signing secret(s), {@code whsec_<base64>} (the prefix is optional) or a {@code file:}/{@code env:}
 *                reference; comma-separated while rotating
 * @param mapping the directory under {@code mappings/} that maps this sender's events; unset: {@code <name>} when
 *                that directory has mappings, else the generic {@code standard-webhooks}
 */
public record StandardWebhookSettings(List<String> secret, String mapping) {

    public StandardWebhookSettings {
        secret = secret == null ? null : new WebhookSecrets(secret).secret();
    }

    @Override
    public String toString() {
        return "StandardWebhookSettings[" + (secret == null ? 0 : secret.size()) + " secrets, mapping=" + mapping + "]";
    }
}
