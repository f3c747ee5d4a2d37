package io.contexthub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReciprocalRankFusionTest {

    @Test
    void addsReciprocalRanksAcrossRankings() {
        var fused = ReciprocalRankFusion.fuse(List.of(List.of("a", "b", "c"), List.of("c", "a")), 10);

        assertThat(fused).extracting(ReciprocalRankFusion.Fused::id).containsExactly("a", "c", "b");
        assertThat(fused.get(0).score()).isCloseTo(1.0 / 61 + 1.0 / 62, within(1e-12));
        assertThat(fused.get(1).score()).isCloseTo(1.0 / 63 + 1.0 / 61, within(1e-12));
        assertThat(fused.get(2).score()).isCloseTo(1.0 / 62, within(1e-12));
    }

    @Test
    void breaksTiesByIdAndHonoursTheLimit() {
        var fused = ReciprocalRankFusion.fuse(List.of(List.of("y"), List.of("x")), 1);

        assertThat(fused).extracting(ReciprocalRankFusion.Fused::id).containsExactly("x");
    }
}
