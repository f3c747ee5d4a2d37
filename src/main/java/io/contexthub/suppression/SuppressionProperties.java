package io.contexthub.suppression;

import io.contexthub.platform.Secret;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.privacy.*}.
 *
 * @param suppressionKey the key of the keyed hashes (HMAC-SHA256) under which erased people's identifiers are kept.
 *                       Every instance sharing a bus needs the same one; without it, a single hub generates one
 *                       and keeps it in {@code <hub.data-dir>/privacy/suppression.key}. Rotating it forgets every
 *                       suppression.
 */
@Validated
@ConfigurationProperties("hub.privacy")
public record SuppressionProperties(Secret suppressionKey) {
}
