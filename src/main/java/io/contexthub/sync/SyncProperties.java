package io.contexthub.sync;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings shared by every scheduled sync ({@code hub.sync.*}), read by {@code routes/error-handling.yaml}.
 *
 * @param retry          backoff for an API that is down, throttling or refusing an expired token
 * @param stagingThreads records of sync pages staged at once, across all running syncs: each waits for its own
 *                       fsync or broker acknowledgement, so overlapping them is what makes a run fast
 */
@Validated
@ConfigurationProperties("hub.sync")
public record SyncProperties(@Valid @NotNull @DefaultValue Retry retry,
                             @Positive @DefaultValue("8") int stagingThreads) {

    /**
     * @param maxAttempts        retries of one call before the run is recorded as failed (it resumes next time)
     * @param initialDelayMillis first backoff, doubled on each attempt
     * @param maxDelayMillis     the backoff never grows beyond this
     */
    public record Retry(@Min(0) @DefaultValue("8") int maxAttempts,
                        @Positive @DefaultValue("500") long initialDelayMillis,
                        @Positive @DefaultValue("30000") long maxDelayMillis) {
    }
}
