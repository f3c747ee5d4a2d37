package io.contexthub.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.store.opensearch.OpenSearchContextStore;
import io.contexthub.store.opensearch.OpenSearchProperties;
import io.contexthub.support.OpenSearchTestNode;
import java.net.URI;
import java.util.UUID;

/**
 * The same contract as the embedded store, against a real OpenSearch node. The contract reads its own writes,
 * so writes refresh at once here; the hub's default leaves that to the refresh interval.
 */
class OpenSearchContextStoreTest extends ContextStoreContract {

    String prefix;
    OpenSearchContextStore openSearch;

    private OpenSearchContextStore connect() {
        return new OpenSearchContextStore(new OpenSearchProperties(URI.create(OpenSearchTestNode.url()), prefix,
                null, null, 0, "true"), new ObjectMapper());
    }

    @Override
    protected ContextStore open() {
        prefix = "t" + UUID.randomUUID().toString().substring(0, 8);
        openSearch = connect();
        return openSearch;
    }

    @Override
    protected ContextStore reopen() throws Exception {
        openSearch.close();
        openSearch = connect();
        return openSearch;
    }

    @Override
    protected void close() throws Exception {
        openSearch.close();
    }
}
