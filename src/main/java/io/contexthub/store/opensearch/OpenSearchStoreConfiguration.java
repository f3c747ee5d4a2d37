package io.contexthub.store.opensearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.sync.CheckpointStorage;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** OpenSearch as the context store ({@code hub.store=opensearch}) and as the checkpoint store. */
@Configuration(proxyBeanMethods = false)
public class OpenSearchStoreConfiguration {

    /** The production store; creates its indices on first start. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "hub.store", havingValue = "opensearch")
    public OpenSearchContextStore openSearchContextStore(OpenSearchProperties properties, ObjectMapper mapper) {
        return new OpenSearchContextStore(properties, mapper);
    }

    /** Sync checkpoints and leases in OpenSearch, shared by every instance. */
    @Bean(destroyMethod = "close")
    @Conditional(CheckpointStorage.InOpenSearch.class)
    public OpenSearchCheckpointStore openSearchCheckpointStore(OpenSearchProperties properties, ObjectMapper mapper,
                                                               Clock clock) {
        return new OpenSearchCheckpointStore(properties, mapper, clock);
    }
}
