package io.contexthub.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.platform.HubProperties;
import io.contexthub.store.opensearch.OpenSearchCheckpointStore;
import io.contexthub.store.opensearch.OpenSearchContextStore;
import io.contexthub.sync.CheckpointStore;
import io.contexthub.sync.FileCheckpointStore;
import java.time.Clock;
import io.contexthub.store.opensearch.OpenSearchProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the context store with {@code hub.store}: {@code lucene} (default) or {@code opensearch}; the sync
 * checkpoints live beside it.
 */
@Configuration(proxyBeanMethods = false)
public class StoreConfiguration {

    /** The embedded store under {@code <hub.data-dir>/index}. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "hub.store", havingValue = "lucene", matchIfMissing = true)
    public LuceneContextStore luceneContextStore(HubProperties hub) {
        return new LuceneContextStore(hub.dataDir().resolve("index"));
    }

    /** Sync checkpoints as files beside the embedded index. */
    @Bean
    @ConditionalOnProperty(name = "hub.store", havingValue = "lucene", matchIfMissing = true)
    public CheckpointStore fileCheckpointStore(HubProperties hub, ObjectMapper mapper, Clock clock) {
        return new FileCheckpointStore(hub.dataDir().resolve("checkpoints"), mapper, clock);
    }

    /** Sync checkpoints and leases in OpenSearch, shared by every instance. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "hub.store", havingValue = "opensearch")
    public OpenSearchCheckpointStore openSearchCheckpointStore(OpenSearchProperties properties, ObjectMapper mapper,
                                                               Clock clock) {
        return new OpenSearchCheckpointStore(properties, mapper, clock);
    }

    /** The production store; creates its indices on first start. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "hub.store", havingValue = "opensearch")
    public OpenSearchContextStore openSearchContextStore(OpenSearchProperties properties, ObjectMapper mapper) {
        return new OpenSearchContextStore(properties, mapper);
    }
}
