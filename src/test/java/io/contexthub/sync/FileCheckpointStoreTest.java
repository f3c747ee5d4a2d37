package io.contexthub.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.contexthub.support.TestClock;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;

class FileCheckpointStoreTest extends CheckpointStoreContract {

    final Path dir = Path.of("target", "checkpoints-" + UUID.randomUUID());
    FileCheckpointStore store;

    @Override
    protected CheckpointStore instance() {
        if (store == null) {
            Clock clock = new TestClock(() -> now);
            store = new FileCheckpointStore(dir, new ObjectMapper().registerModule(new JavaTimeModule()), clock);
        }
        return store;
    }

    @Override
    protected boolean leasesAreShared() {
        return false;
    }
}
