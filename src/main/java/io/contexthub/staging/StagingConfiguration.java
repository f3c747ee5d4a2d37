package io.contexthub.staging;

import io.contexthub.platform.HubProperties;
import io.contexthub.suppression.FileSuppressionList;
import io.contexthub.suppression.KafkaSuppressionList;
import io.contexthub.suppression.SuppressionList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.CamelContext;
import org.apache.camel.processor.idempotent.kafka.KafkaIdempotentRepository;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
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

    /** Keys of the most recent deliveries remembered on the spool; older keys age out. */
    static final int REMEMBERED_DELIVERIES = 100_000;

    /**
     * Provider event ids already staged, so a redelivery is answered 200 and not staged twice: a file on the
     * spool, a topic on Kafka shared by every instance (a redelivery to another instance is still a duplicate).
     */
    @Bean(destroyMethod = "close")
    public DeliveryKeys deliveryKeys(HubProperties hub, CamelContext camel,
                                     ObjectProvider<KafkaTopicsReady> topics,
                                     @Value("${spring.kafka.bootstrap-servers}") String brokers) throws Exception {
        if (hub.staging() == HubProperties.Staging.kafka) {
            topics.getObject();
            // Sent after the envelope was acknowledged, while the sender waits: with Kafka gone, fail fast.
            return new KafkaDeliveryKeys(topicBackedSet(StagingTopics.IDEMPOTENCY, brokers, camel, Map.of(
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, "1000", ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "1000",
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "2000", ProducerConfig.LINGER_MS_CONFIG, "0"), null));
        }
        return new FileDeliveryKeys(hub.dataDir().resolve("idempotency").resolve("webhooks.dat"),
                REMEMBERED_DELIVERIES);
    }

    /** Every hash an instance has seen stays in its memory: one entry per identifier of an erased person. */
    static final int REMEMBERED_SUPPRESSIONS = 10_000_000;

    /**
     * The suppression list lives with the bus, so every instance sharing the bus shares it: a file on the spool;
     * on Kafka, camel-kafka's topic-backed set on the compacted topic hub.suppressions, read whole by every instance
     * when it starts and followed afterwards.
     */
    @Bean
    public SuppressionList suppressionList(HubProperties hub, CamelContext camel,
                                           ObjectProvider<KafkaTopicsReady> topics,
                                           @Value("${spring.kafka.bootstrap-servers}") String brokers) throws Exception {
        if (hub.staging() == HubProperties.Staging.kafka) {
            topics.getObject();
            return new KafkaSuppressionList(topicBackedSet(StagingTopics.SUPPRESSIONS, brokers, camel, Map.of(),
                    REMEMBERED_SUPPRESSIONS));
        }
        return new FileSuppressionList(hub.dataDir().resolve("privacy").resolve("suppressed.txt"));
    }

    /**
     * camel-kafka's topic-backed set on {@code topic}, acknowledged by every in-sync replica, with Camel's default
     * cache or one of {@code cacheSize} entries.
     */
    private static KafkaIdempotentRepository topicBackedSet(String topic, String brokers, CamelContext camel,
                                                            Map<String, String> producerSettings, Integer cacheSize)
            throws Exception {
        Properties consumer = new Properties();
        consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        Properties producer = new Properties();
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.putAll(producerSettings);
        var repository = cacheSize == null ? new KafkaIdempotentRepository(topic, consumer, producer)
                : new KafkaIdempotentRepository(topic, consumer, producer, cacheSize, 100);
        repository.setCamelContext(camel);
        // Camel stops it with the context, before it shuts down the executor its poller runs on (stopped after that,
        // the poller loops on the interrupt it got, logging without end).
        camel.addService(repository, true, true);
        return repository;
    }

    @Bean
    @ConditionalOnProperty(name = "hub.staging", havingValue = "kafka")
    public KafkaTopicsReady kafkaTopics(KafkaProperties kafka, List<StagedSources> sources,
                                        @Value("${spring.kafka.bootstrap-servers}") String brokers) throws Exception {
        // every source that stages, as the ingress features declare them (webhooks, senders, syncs)
        Set<String> names = new java.util.TreeSet<>();
        sources.forEach(s -> s.names().forEach(name -> names.add(StagingTopics.inbound(name))));
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
            if (!existing.contains(StagingTopics.SUPPRESSIONS)) {
                // kept for ever: compaction leaves one record per hash, retention never removes it
                NewTopic suppressions = topic(StagingTopics.SUPPRESSIONS, 1, kafka);
                Map<String, String> configs = new java.util.HashMap<>(suppressions.configs());
                configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
                missing.add(suppressions.configs(configs));
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
