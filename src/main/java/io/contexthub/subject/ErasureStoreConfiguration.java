package io.contexthub.subject;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.platform.HubProperties;
import io.contexthub.store.opensearch.OpenSearchProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Erasure jobs follow {@code hub.store}: in the data directory with the embedded store (one hub), in OpenSearch with
 * OpenSearch, shared by every instance.
 */
@Configuration(proxyBeanMethods = false)
public class ErasureStoreConfiguration {

    @Bean
    @ConditionalOnProperty(name = "hub.store", havingValue = "lucene", matchIfMissing = true)
    public ErasureStore fileErasureStore(HubProperties hub, ObjectMapper mapper) {
        return new FileErasureStore(hub, mapper);
    }

    /** Shared by every instance, so any of them answers for a job and finishes one (every tenant's, in one index). */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "hub.store", havingValue = "opensearch")
    public ErasureStore openSearchErasureStore(OpenSearchProperties properties, ObjectMapper mapper) {
        return new OpenSearchErasureStore(properties, mapper);
    }
}
