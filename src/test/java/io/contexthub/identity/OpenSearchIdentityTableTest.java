package io.contexthub.identity;

import io.contexthub.store.opensearch.OpenSearchProperties;
import io.contexthub.support.OpenSearchTestNode;
import java.net.URI;
import java.util.UUID;

class OpenSearchIdentityTableTest extends IdentityGraphContract {

    String prefix;

    @Override
    protected IdentityTable open() {
        prefix = "t" + UUID.randomUUID().toString().substring(0, 8);
        return openAnother();
    }

    /** Another hub instance: its own client on the same index. */
    @Override
    protected IdentityTable openAnother() {
        return new OpenSearchIdentityTable(new OpenSearchProperties(URI.create(OpenSearchTestNode.url()), prefix,
                null, null, 0, "false"), JSON);
    }
}
