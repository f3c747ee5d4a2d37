package io.contexthub.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.contexthub.store.opensearch.OpenSearchCheckpointStore;
import io.contexthub.store.opensearch.OpenSearchProperties;
import io.contexthub.support.OpenSearchTestNode;
import io.contexthub.support.TestClock;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

/** The same contract on a real OpenSearch node: two store instances are two hub instances sharing leases. */
class OpenSearchCheckpointStoreTest extends CheckpointStoreContract {

    final String prefix = "ckpt" + UUID.randomUUID().toString().substring(0, 8);
    final List<OpenSearchCheckpointStore> opened = new ArrayList<>();

    @Override
    protected CheckpointStore instance() {
        Clock clock = new TestClock(() -> now);
        var store = new OpenSearchCheckpointStore(new OpenSearchProperties(URI.create(OpenSearchTestNode.url()),
                prefix, null, null, 0, "false"), new ObjectMapper().registerModule(new JavaTimeModule()), clock);
        opened.add(store);
        return store;
    }

    @Override
    protected boolean leasesAreShared() {
        return true;
    }

    @AfterEach
    void close() throws Exception {
        for (var store : opened) {
            store.close();
        }
    }
}
