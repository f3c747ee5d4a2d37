package io.contexthub.store;

import io.contexthub.platform.HubProperties;
import io.contexthub.tenant.TenantBound;
import io.contexthub.tenant.Tenants;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the context store with {@code hub.store}: {@code lucene} (default, here) or {@code opensearch}
 * ({@code store.opensearch.OpenSearchStoreConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
public class StoreConfiguration {

    /** The embedded store: a Lucene index per tenant, under {@code <hub.data-dir>/index} for the default one. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "hub.store", havingValue = "lucene", matchIfMissing = true)
    public ContextStore luceneContextStore(HubProperties hub, Tenants tenants) {
        return new TenantBound<>(tenants, tenant -> new LuceneContextStore(
                Tenants.dataDir(hub.dataDir(), tenant).resolve("index"))).proxy(ContextStore.class);
    }
}
