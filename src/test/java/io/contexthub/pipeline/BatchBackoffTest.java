package io.contexthub.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BatchBackoffTest {

    static BatchBackoff backoff(long initial, long max) {
        return new BatchBackoff(new ProcessingProperties(true, new ProcessingProperties.Batch(64, 200),
                new ProcessingProperties.Retry(initial, max), new ProcessingProperties.CircuitBreaker(50, 5, 10, 10)));
    }

    @Test
    void theWaitDoublesWithEachConsecutiveFailureUpToTheMaximum() {
        BatchBackoff backoff = backoff(500, 30_000);
        assertThat(backoff.delayMillis(1)).isEqualTo(500);
        assertThat(backoff.delayMillis(2)).isEqualTo(1_000);
        assertThat(backoff.delayMillis(5)).isEqualTo(8_000);
        assertThat(backoff.delayMillis(7)).isEqualTo(30_000);
        assertThat(backoff.delayMillis(200)).isEqualTo(30_000);
    }
}
