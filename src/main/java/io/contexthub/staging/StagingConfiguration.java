package io.contexthub.staging;

import io.contexthub.sync.SyncStream;
import io.contexthub.webhook.WebhookSource;
import io.contexthub.webhook.WebhookSourceGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Kafka staging: makes sure the stage topics exist, with enough partitions for the instances to share, before
 * any route starts (a pattern subscription only sees topics that exist when it subscribes).
 */
@Configuration(proxyBeanMethods = false)
public class StagingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StagingConfiguration.class);

    /** Marker bean: the topics exist once it does. */
    public record KafkaTopicsReady(Set<String> topics) {
    }

    private static NewTopic topic(String name, int partitions, KafkaProperties kafka) {
        return new NewTopic(name, partitions, kafka.replicationFactor()).configs(Map.of(
                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(Math.min(2, kafka.replicationFactor()))));
    }

    @Bean
    @ConditionalOnProperty(name = "hub.staging", havingValue = "kafka")
    public KafkaTopicsReady kafkaTopics(KafkaProperties kafka, List<WebhookSource> sources,
                                        List<WebhookSourceGroup> groups, List<SyncStream> syncs,
                                        @Value("${spring.kafka.bootstrap-servers}") String brokers) {
        // every source that stages: webhook sources, senders named by configuration, and the syncs' connectors
        Set<String> names = new java.util.TreeSet<>();
        sources.forEach(s -> names.add(StagingTopics.inbound(s.name())));
        groups.forEach(g -> g.sources().forEach(s -> names.add(StagingTopics.inbound(s.name()))));
        syncs.forEach(s -> names.add(StagingTopics.inbound(s.connector())));
        names.add(StagingTopics.DEAD_LETTERS);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000))) {
            Set<String> existing = admin.listTopics().names().get(15, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String name : names) {
                if (!existing.contains(name)) {
                    missing.add(topic(name, kafka.partitions(), kafka));
                }
            }
            if (!existing.contains(StagingTopics.IDEMPOTENCY)) {
                // Every instance reads the whole key log, so one partition is all it needs.
                missing.add(topic(StagingTopics.IDEMPOTENCY, 1, kafka));
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(15, TimeUnit.SECONDS);
                log.info("created Kafka topics {}", missing.stream().map(NewTopic::name).toList());
            }
            return new KafkaTopicsReady(Set.copyOf(names));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException) {
                return new KafkaTopicsReady(Set.copyOf(names));
            }
            throw new IllegalStateException("cannot create the Kafka topics " + names + " on "
                    + brokers + " (spring.kafka.bootstrap-servers): " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + brokers + " (spring.kafka.bootstrap-servers) did not "
                    + "answer within 15 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
