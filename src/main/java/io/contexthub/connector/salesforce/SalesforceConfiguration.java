package io.contexthub.connector.salesforce;

import io.contexthub.sync.SyncStream;
import io.contexthub.sync.SyncStreamGroup;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Salesforce streams: one per entry of {@code hub.connectors.salesforce.streams}, so a new object is a new
 * entry (connectors/salesforce/connector.yaml for a shipped one, configuration for an org's own) and a mapping.
 * camel-salesforce itself is configured from {@code hub.connectors.salesforce.*} in application.yaml
 * ({@code camel.component.salesforce.*}): refresh-token login, only when a sync first calls.
 */
@Configuration(proxyBeanMethods = false)
public class SalesforceConfiguration {

    @Bean
    public SyncStreamGroup salesforceStreams(SalesforceProperties properties, SalesforceApi api) {
        List<SyncStream> streams = properties.streams().entrySet().stream()
                .map(entry -> (SyncStream) new SalesforceObjectStream(entry.getKey(), entry.getValue(),
                        properties.enabled(), api))
                .toList();
        return () -> streams;
    }
}
