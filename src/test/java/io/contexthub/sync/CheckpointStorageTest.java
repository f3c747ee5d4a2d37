package io.contexthub.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class CheckpointStorageTest {

    @Test
    void unsetItFollowsTheContextStore() {
        assertThat(CheckpointStorage.of(new MockEnvironment())).isEqualTo(CheckpointStorage.file);
        assertThat(CheckpointStorage.of(new MockEnvironment().withProperty("hub.store", "opensearch")))
                .isEqualTo(CheckpointStorage.opensearch);
    }

    @Test
    void itsOwnSettingWinsAndANonsenseValueIsNamed() {
        assertThat(CheckpointStorage.of(new MockEnvironment().withProperty("hub.store", "opensearch")
                .withProperty("hub.checkpoints.store", "file"))).isEqualTo(CheckpointStorage.file);
        assertThat(CheckpointStorage.of(new MockEnvironment().withProperty("hub.checkpoints.store", "OpenSearch")))
                .isEqualTo(CheckpointStorage.opensearch);
        assertThatThrownBy(() -> CheckpointStorage.of(new MockEnvironment().withProperty("hub.checkpoints.store",
                "s3"))).hasMessageContaining("hub.checkpoints.store").hasMessageContaining("s3");
    }
}
