package io.contexthub.webhook;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Webhook ingress settings shared by every source ({@code hub.webhooks.*}). Each source's own settings
 * ({@code hub.webhooks.<source>.*}: its secrets) are a record in its connector's package, so adding a source edits
 * nothing here.
 *
 * @param tolerance   how far a signed timestamp may be from now, in either direction
 * @param maxBodySize larger requests are refused with 413 before they are read
 * @param rateLimit   requests admitted per period across all webhook sources; above it senders get 429
 */
@Validated
@ConfigurationProperties("hub.webhooks")
public record WebhookProperties(
        @NotNull @DefaultValue("5m") Duration tolerance,
        @NotNull @DefaultValue("1MB") DataSize maxBodySize,
        @Valid @NotNull @DefaultValue RateLimit rateLimit) {

    /** The settings above, which no webhook source can be named after. */
    public static final java.util.Set<String> OWN_SETTINGS = java.util.Set.of("tolerance", "max-body-size",
            "rate-limit");

    /**
     * @param requests     admitted per period
     * @param periodMillis the window the count applies to
     */
    public record RateLimit(@Positive @DefaultValue("200") int requests,
                            @Positive @DefaultValue("1000") long periodMillis) {
    }
}
