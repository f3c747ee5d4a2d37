package io.contexthub.webhook;

import io.contexthub.platform.HubProperties;
import java.io.File;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import io.contexthub.staging.StagingTopics;
import org.apache.camel.processor.idempotent.kafka.KafkaIdempotentRepository;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class WebhookConfiguration {

    /** Keys of the most recent deliveries kept in memory and in the file; older keys age out. */
    static final int REMEMBERED_DELIVERIES = 100_000;
    static final long MAX_KEY_FILE_BYTES = 64L * 1024 * 1024;

    /**
     * Provider event ids already staged, so a redelivery is answered 200 and not staged twice: a file on the
     * spool, a topic on Kafka. Losing the last keys in a crash is harmless: documents have deterministic ids,
     * so a re-staged event rewrites itself.
     */
    @Bean
    public IdempotentRepository webhookIdempotentRepository(
            HubProperties hub, @Value("${spring.kafka.bootstrap-servers}") String brokers) {
        if (hub.staging() == HubProperties.Staging.kafka) {
            // Shared by every instance through a topic, so a redelivery to another instance is still a duplicate.
            Properties consumer = new Properties();
            consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
            Properties producer = new Properties();
            producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
            producer.put(ProducerConfig.ACKS_CONFIG, "all");
            // The key is written synchronously before staging: with Kafka down it must fail fast (503), not hang.
            producer.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "1000");
            producer.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "1000");
            producer.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "2000");
            producer.put(ProducerConfig.LINGER_MS_CONFIG, "0");
            return new KafkaIdempotentRepository(StagingTopics.IDEMPOTENCY, consumer, producer);
        }
        File store = hub.dataDir().resolve("idempotency").resolve("webhooks.dat").toFile();
        FileIdempotentRepository repository = new FileIdempotentRepository();
        repository.setFileStore(store);
        repository.setCacheSize(REMEMBERED_DELIVERIES);
        repository.setMaxFileStoreSize(MAX_KEY_FILE_BYTES);
        return repository;
    }

    @Bean
    public FilterRegistrationBean<WebhookRequestFilter> webhookRequestFilter(WebhookProperties properties) {
        var registration = new FilterRegistrationBean<>(new WebhookRequestFilter(properties.maxBodySize().toBytes()));
        registration.addUrlPatterns("/webhooks/*");
        return registration;
    }
}
