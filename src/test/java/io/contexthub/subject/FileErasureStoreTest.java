package io.contexthub.subject;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.contexthub.platform.HubProperties;
import java.nio.file.Path;
import java.util.UUID;

class FileErasureStoreTest extends ErasureStoreContract {

    final Path dir = Path.of("target", "erasures-" + UUID.randomUUID());

    @Override
    protected ErasureStore instance() {
        return new FileErasureStore(new HubProperties(dir, null, HubProperties.Staging.spool,
                HubProperties.Store.lucene), new ObjectMapper().registerModule(new JavaTimeModule()));
    }
}
