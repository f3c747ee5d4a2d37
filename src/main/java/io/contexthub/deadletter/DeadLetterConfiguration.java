package io.contexthub.deadletter;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.platform.HubProperties;
import io.contexthub.tenant.Tenants;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/** Reads dead letters where the configured bus keeps them. */
@Configuration(proxyBeanMethods = false)
public class DeadLetterConfiguration {

    @Bean
    @ConditionalOnProperty(name = "hub.staging", havingValue = "spool", matchIfMissing = true)
    public DeadLetterStore spoolDeadLetters(HubProperties hub, ObjectMapper mapper, Tenants tenants) {
        return new TenantDeadLetters(new SpoolDeadLetters(hub.dataDir().resolve("deadletters"), mapper), tenants);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "hub.staging", havingValue = "kafka")
    public KafkaDeadLetters kafkaDeadLetters(@Value("${spring.kafka.bootstrap-servers}") String brokers,
                                             ObjectMapper mapper) {
        return new KafkaDeadLetters(brokers, mapper);
    }

    /** The current tenant's dead letters on Kafka. */
    @Bean
    @Primary
    @ConditionalOnProperty(name = "hub.staging", havingValue = "kafka")
    public DeadLetterStore kafkaTenantDeadLetters(KafkaDeadLetters all, Tenants tenants) {
        return new TenantDeadLetters(all, tenants);
    }
}
