package io.contexthub.connector.standardwebhooks;

import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Standard Webhooks senders, each at {@code POST /webhooks/<name>} ({@code hub.webhooks.senders.<name>.*}).
 *
 * @param senders senders by name (lower case letters, digits, {@code -}, {@code _}): their {@code secret} and
 *                optional {@code mapping} directory, e.g. {@code hub.webhooks.senders.acme.secret=whsec_...}
 */
@ConfigurationProperties("hub.webhooks")
public record StandardWebhooksProperties(Map<String, StandardWebhookSettings> senders) {

    public StandardWebhooksProperties {
        senders = senders == null ? Map.of() : new TreeMap<>(senders);
    }
}
