package io.contexthub.webhook;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Webhook ingress settings ({@code hub.webhooks.*}).
 *
 * @param tolerance   how far a signed timestamp may be from now, in either direction
 * @param maxBodySize larger requests are refused with 413 before they are read
 * @param rateLimit   requests admitted per period across all webhook sources; above it senders get 429
 * @param frontapp    Front application webhooks
 */
@Validated
@ConfigurationProperties("hub.webhooks")
public record WebhookProperties(
        @NotNull @DefaultValue("5m") Duration tolerance,
        @NotNull @DefaultValue("1MB") DataSize maxBodySize,
        @Valid @NotNull @DefaultValue RateLimit rateLimit,
        @Valid @NotNull @DefaultValue Secrets frontapp) {

    /**
     * @param requests     admitted per period
     * @param periodMillis the window the count applies to
     */
    public record RateLimit(@Positive @DefaultValue("200") int requests,
                            @Positive @DefaultValue("1000") long periodMillis) {
    }

    /**
     * Signing secrets of one source. Several may be active at once while a secret is rotated; a request is
     * accepted when any of them verifies it.
     */
    public record Secrets(List<String> secret) {

        public Secrets {
            secret = secret == null ? List.of()
                    : secret.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        }

        public boolean configured() {
            return !secret.isEmpty();
        }

        /** Never prints the secrets themselves. */
        @Override
        public String toString() {
            return "Secrets[" + secret.size() + " configured]";
        }
    }
}
