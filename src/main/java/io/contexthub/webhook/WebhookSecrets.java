package io.contexthub.webhook;

import io.contexthub.platform.SecretReferences;
import java.util.List;

/**
 * Signing secrets of one webhook source. Several may be active at once while a secret is rotated; a request is
 * accepted when any of them verifies it.
 *
 * @param secret the signing secret(s), each itself or a {@code file:}/{@code env:} reference; comma-separated while
 *               rotating
 */
public record WebhookSecrets(List<String> secret) {

    public WebhookSecrets {
        secret = secret == null ? List.of()
                : secret.stream().map(SecretReferences::resolve).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public boolean configured() {
        return !secret.isEmpty();
    }

    /** Never prints the secrets themselves. */
    @Override
    public String toString() {
        return "WebhookSecrets[" + secret.size() + " configured]";
    }
}
