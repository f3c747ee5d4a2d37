package io.contexthub.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MeanPoolingTest {

    @Test
    void averagesOnlyUnmaskedTokensThenNormalises() {
        // batch 1, 3 tokens, 2 dims; the third token is padding and must not count
        float[] hidden = {3, 0, 1, 4, 100, 100};
        float[][] pooled = MeanPooling.pool(hidden, new long[][] {{1, 1, 0}}, 3, 2);

        // mean (2, 2) -> normalised (0.7071, 0.7071)
        assertThat(pooled[0][0]).isCloseTo(0.70710677f, within(1e-6f));
        assertThat(pooled[0][1]).isCloseTo(0.70710677f, within(1e-6f));
    }

    @Test
    void keepsRowsApart() {
        float[] hidden = {1, 0, 0, 1};
        float[][] pooled = MeanPooling.pool(hidden, new long[][] {{1}, {1}}, 1, 2);

        assertThat(pooled[0]).containsExactly(1f, 0f);
        assertThat(pooled[1]).containsExactly(0f, 1f);
    }
}
