package io.contexthub.connection;

import io.contexthub.platform.Secret;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Sources connected from the console or the API ({@code hub.connections.*}): the credentials a person hands over
 * there (an OAuth refresh token, an API key, a service account key) are stored sealed in the checkpoint store.
 *
 * @param sealSecret  the secret the stored credentials are sealed under, the same on every instance. Unset with
 *                    {@code hub.store=lucene}: one is generated into {@code <hub.data-dir>/connections/seal.key} on
 *                    first use. Unset with {@code hub.store=opensearch}: sources cannot be connected (set it from a
 *                    secret store; changing it makes the stored connections unreadable)
 * @param redirectUri where the providers send the browser back after consent, as registered with their OAuth apps:
 *                    the hub's public URL + {@code /console/connections/callback}. Unset: the console derives it from
 *                    the address its browser used (behind a proxy, set it)
 * @param recheck     how often a connector reads its stored connection again, so a connection made on another
 *                    instance is used here within that time
 */
@Validated
@ConfigurationProperties("hub.connections")
public record ConnectionProperties(
        Secret sealSecret,
        URI redirectUri,
        @NotNull @DefaultValue("5s") Duration recheck) {
}
