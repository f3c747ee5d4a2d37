package io.contexthub.pipeline;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Processing settings ({@code hub.processing.*}), read by {@code routes/processing.yaml} and
 * {@code routes/error-handling.yaml}.
 *
 * @param autoStartup whether the staging consumer ({@code stage.<bus>.consume}) starts with the hub; operators
 *                    turn it off to let a backlog build while the store is maintained
 * @param batch          micro-batching bounds, read by {@code routes/staging/<bus>.yaml}
 * @param retry          backoff for transient failures
 * @param circuitBreaker when embedding or the store keep failing, stop calling them for a while
 */
@Validated
@ConfigurationProperties("hub.processing")
public record ProcessingProperties(
        @DefaultValue("true") boolean autoStartup,
        @Valid @NotNull @DefaultValue Batch batch,
        @Valid @NotNull @DefaultValue Retry retry,
        @Valid @NotNull @DefaultValue CircuitBreaker circuitBreaker) {

    /**
     * @param size          most envelopes embedded and written together
     * @param timeoutMillis longest an envelope waits for its batch to fill; bounds the added latency
     */
    public record Batch(@Positive @Max(1000) @DefaultValue("256") int size,
                        @Positive @DefaultValue("200") long timeoutMillis) {
    }

    /**
     * @param initialDelayMillis wait after a batch could not be stored, doubled with each consecutive failure
     * @param maxDelayMillis     the backoff never grows beyond this
     */
    public record Retry(@Positive @DefaultValue("500") long initialDelayMillis,
                        @Positive @DefaultValue("30000") long maxDelayMillis) {
    }

    /**
     * @param failureRateThreshold percentage of failed calls in the window that opens the breaker
     * @param minimumCalls         calls needed before the rate is judged
     * @param windowSize           calls in the sliding window
     * @param waitSeconds          how long the breaker stays open before it lets a trial call through
     */
    public record CircuitBreaker(@Positive @Max(100) @DefaultValue("50") int failureRateThreshold,
                                 @Positive @DefaultValue("5") int minimumCalls,
                                 @Positive @DefaultValue("10") int windowSize,
                                 @Positive @DefaultValue("10") int waitSeconds) {
    }
}
