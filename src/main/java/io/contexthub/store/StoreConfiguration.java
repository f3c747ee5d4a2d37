package io.contexthub.store;

import io.contexthub.platform.HubProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the context store with {@code hub.store}: {@code lucene} (default, here) or {@code opensearch}
 * ({@code store.opensearch.OpenSearchStoreConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
public class StoreConfiguration {

    /** The embedded store under {@code <hub.data-dir>/index}. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "hub.store", havingValue = "lucene", matchIfMissing = true)
    public LuceneContextStore luceneContextStore(HubProperties hub) {
        return new LuceneContextStore(hub.dataDir().resolve("index"));
    }
}
