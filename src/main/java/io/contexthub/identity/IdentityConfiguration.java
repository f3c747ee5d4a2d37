package io.contexthub.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.platform.HubProperties;
import io.contexthub.store.opensearch.OpenSearchProperties;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The identity graph beside the context store: its own Lucene directory, or an OpenSearch index. */
@Configuration(proxyBeanMethods = false)
public class IdentityConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "hub.store", havingValue = "lucene", matchIfMissing = true)
    public IdentityTable luceneIdentityTable(HubProperties hub, ObjectMapper mapper) {
        return new LuceneIdentityTable(hub.dataDir().resolve("identity"), mapper);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "hub.store", havingValue = "opensearch")
    public IdentityTable openSearchIdentityTable(OpenSearchProperties properties, ObjectMapper mapper) {
        return new OpenSearchIdentityTable(properties, mapper);
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
