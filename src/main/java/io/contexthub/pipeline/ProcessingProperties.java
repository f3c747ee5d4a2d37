package io.contexthub.pipeline;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Processing settings ({@code hub.processing.*}), read by {@code routes/processing.yaml} and
 * {@code routes/error-handling.yaml}.
 *
 * @param autoStartup whether {@code process.canonical} consumes staged envelopes at startup; operators turn it
 *                    off to let a backlog build while the store is maintained
 * @param retry       backoff for transient failures
 */
@Validated
@ConfigurationProperties("hub.processing")
public record ProcessingProperties(
        @DefaultValue("true") boolean autoStartup,
        @Valid @NotNull @DefaultValue Retry retry) {

    /**
     * @param maxAttempts       redeliveries of a transient failure before the envelope is left for the next poll
     * @param initialDelayMillis first backoff, doubled on each attempt
     * @param maxDelayMillis     the backoff never grows beyond this
     */
    public record Retry(@Min(0) @DefaultValue("5") int maxAttempts,
                        @Positive @DefaultValue("500") long initialDelayMillis,
                        @Positive @DefaultValue("30000") long maxDelayMillis) {
    }
}
