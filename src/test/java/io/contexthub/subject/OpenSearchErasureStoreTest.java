package io.contexthub.subject;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.contexthub.store.opensearch.OpenSearchProperties;
import io.contexthub.support.OpenSearchTestNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

/** The same contract on a real OpenSearch node: two store instances are two hub instances sharing the jobs. */
class OpenSearchErasureStoreTest extends ErasureStoreContract {

    final String prefix = "era" + UUID.randomUUID().toString().substring(0, 8);
    final List<OpenSearchErasureStore> opened = new ArrayList<>();

    @Override
    protected ErasureStore instance() {
        var store = new OpenSearchErasureStore(new OpenSearchProperties(URI.create(OpenSearchTestNode.url()), prefix,
                null, null, 0, "false"), new ObjectMapper().registerModule(new JavaTimeModule()));
        opened.add(store);
        return store;
    }

    @AfterEach
    void close() {
        opened.forEach(OpenSearchErasureStore::close);
    }
}
