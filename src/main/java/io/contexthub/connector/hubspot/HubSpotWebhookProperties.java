package io.contexthub.connector.hubspot;

import io.contexthub.webhook.WebhookSecrets;
import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * HubSpot's webhook settings ({@code hub.webhooks.hubspot.*}).
 *
 * @param secret    the app's client secret(s); comma-separated while rotating
 * @param publicUrl the scheme, host and any path prefix HubSpot calls, e.g. {@code https://hub.example.com}; v3
 *                  signatures cover the full URL, which a proxy in front of the hub changes. Unset: taken from
 *                  {@code X-Forwarded-Proto}/{@code X-Forwarded-Host}, else from the request itself.
 */
@ConfigurationProperties("hub.webhooks.hubspot")
public record HubSpotWebhookProperties(List<String> secret, URI publicUrl) {

    public HubSpotWebhookProperties {
        secret = new WebhookSecrets(secret).secret();
    }

    @Override
    public String toString() {
        return "HubSpotWebhookProperties[" + secret.size() + " secrets configured, publicUrl=" + publicUrl + "]";
    }
}
