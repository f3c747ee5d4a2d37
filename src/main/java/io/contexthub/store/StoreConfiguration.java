package io.contexthub.store;

import io.contexthub.platform.HubProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class StoreConfiguration {

    /** The embedded store under {@code <hub.data-dir>/index}; the default when {@code hub.store} is unset. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "hub.store", havingValue = "lucene", matchIfMissing = true)
    public LuceneContextStore luceneContextStore(HubProperties hub) {
        return new LuceneContextStore(hub.dataDir().resolve("index"));
    }
}
