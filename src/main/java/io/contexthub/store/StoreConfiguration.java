package io.contexthub.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.platform.HubProperties;
import io.contexthub.store.opensearch.OpenSearchContextStore;
import io.contexthub.store.opensearch.OpenSearchProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chooses the context store with {@code hub.store}: {@code lucene} (default) or {@code opensearch}. */
@Configuration(proxyBeanMethods = false)
public class StoreConfiguration {

    /** The embedded store under {@code <hub.data-dir>/index}. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "hub.store", havingValue = "lucene", matchIfMissing = true)
    public LuceneContextStore luceneContextStore(HubProperties hub) {
        return new LuceneContextStore(hub.dataDir().resolve("index"));
    }

    /** The production store; creates its indices on first start. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "hub.store", havingValue = "opensearch")
    public OpenSearchContextStore openSearchContextStore(OpenSearchProperties properties, ObjectMapper mapper) {
        return new OpenSearchContextStore(properties, mapper);
    }
}
