package io.contexthub.audit;

import io.contexthub.platform.Secret;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.audit.*}.
 *
 * @param key the HMAC key that chains the audit entries; without it the hub generates one and keeps it in
 *            {@code <hub.data-dir>/audit/audit.key}. Whoever holds the key can forge a chain: keep it elsewhere
 *            (a secret manager) when the log must convince someone who can write the data directory.
 */
@Validated
@ConfigurationProperties("hub.audit")
public record AuditProperties(Secret key) {
}
