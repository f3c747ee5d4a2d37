package io.contexthub.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.platform.HubProperties;
import io.contexthub.store.opensearch.OpenSearchProperties;
import io.contexthub.tenant.TenantBound;
import io.contexthub.tenant.Tenants;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The identity graph beside the context store: its own Lucene directory, or an OpenSearch index. */
@Configuration(proxyBeanMethods = false)
public class IdentityConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "hub.store", havingValue = "lucene", matchIfMissing = true)
    public IdentityTable luceneIdentityTable(HubProperties hub, ObjectMapper mapper, Tenants tenants) {
        return new TenantBound<>(tenants, tenant -> (IdentityTable) new LuceneIdentityTable(
                Tenants.dataDir(hub.dataDir(), tenant).resolve("identity"), mapper)).proxy(IdentityTable.class);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "hub.store", havingValue = "opensearch")
    public IdentityTable openSearchIdentityTable(OpenSearchProperties properties, ObjectMapper mapper,
                                                 Tenants tenants) {
        return new TenantBound<>(tenants, tenant -> (IdentityTable) new OpenSearchIdentityTable(
                properties.forTenant(tenant), mapper)).proxy(IdentityTable.class);
    }

    @Bean
    public IdentityKeys identityKeys(IdentityProperties properties) {
        return new IdentityKeys(properties);
    }

    @Bean
    public IdentityGraph identityGraph(IdentityTable table, ObjectMapper mapper, Clock clock,
                                       IdentityProperties properties) {
        return new IdentityGraph(table, mapper, clock, properties);
    }
}
