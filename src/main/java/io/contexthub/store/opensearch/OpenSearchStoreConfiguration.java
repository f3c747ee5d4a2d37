package io.contexthub.store.opensearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.access.KeyStorage;
import io.contexthub.audit.AuditStorage;
import io.contexthub.audit.AuditStorageConfiguration;
import io.contexthub.store.ContextStore;
import io.contexthub.sync.CheckpointStorage;
import io.contexthub.sync.CheckpointStores;
import io.contexthub.tenant.TenantBound;
import io.contexthub.tenant.Tenants;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** OpenSearch as the context store ({@code hub.store=opensearch}), the checkpoint store and the key store. */
@Configuration(proxyBeanMethods = false)
public class OpenSearchStoreConfiguration {

    /** The production store: indices per tenant, created on first start. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "hub.store", havingValue = "opensearch")
    public ContextStore openSearchContextStore(OpenSearchProperties properties, ObjectMapper mapper,
                                               Tenants tenants) {
        return new TenantBound<>(tenants, tenant -> new OpenSearchContextStore(properties.forTenant(tenant), mapper))
                .proxy(ContextStore.class);
    }

    /** API keys shared by every instance, so a key made through one works on all (one index for all tenants). */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "hub.store", havingValue = "opensearch")
    public KeyStorage openSearchKeyStorage(OpenSearchProperties properties, ObjectMapper mapper) {
        return new OpenSearchKeyStorage(properties, mapper);
    }

    /** One audit chain for every instance, when they share the key that signs it ({@code hub.audit.key}). */
    @Bean(destroyMethod = "close")
    @Conditional(AuditStorageConfiguration.Shared.class)
    public AuditStorage openSearchAuditStorage(OpenSearchProperties properties, ObjectMapper mapper) {
        return new OpenSearchAuditStorage(properties, mapper);
    }

    /** Sync checkpoints and leases in OpenSearch, shared by every instance; an index per tenant. */
    @Bean
    @Conditional(CheckpointStorage.InOpenSearch.class)
    public CheckpointStores openSearchCheckpointStores(OpenSearchProperties properties, ObjectMapper mapper,
                                                       Clock clock) {
        return tenant -> new OpenSearchCheckpointStore(properties.forTenant(tenant), mapper, clock);
    }
}
