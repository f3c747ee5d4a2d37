package io.contexthub.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.platform.HubProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API keys follow {@code hub.store}: in the data directory with the embedded store (one hub), in OpenSearch
 * with OpenSearch ({@code store.opensearch.OpenSearchStoreConfiguration}), where every instance reads them.
 */
@Configuration(proxyBeanMethods = false)
public class KeyStorageConfiguration {

    @Bean
    @ConditionalOnProperty(name = "hub.store", havingValue = "lucene", matchIfMissing = true)
    public KeyStorage fileKeyStorage(HubProperties hub, ObjectMapper mapper) {
        return new FileKeyStorage(hub.dataDir(), mapper);
    }
}
