package io.contexthub;

import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.TestPropertySource;

/**
 * The outage test on Kafka staging: a batch that cannot be stored is not committed, the consumer goes back to the
 * last committed offset, and the record is indexed once the store is back. Staged means "not committed by the
 * hub's consumer group"; dead letters are records on hub.dlq.
 */
@EmbeddedKafka(kraft = true, partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@TestPropertySource(properties = {"hub.staging=kafka", "hub.kafka.partitions=1"})
class KafkaOutageTest extends StoreOutageScenario {

    static final TopicPartition INBOUND = new TopicPartition("hub.inbound.frontapp", 0);
    static final TopicPartition DEAD_LETTERS = new TopicPartition("hub.dlq", 0);


    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;
    @Value("${hub.kafka.group-id}")
    String group;

    @Override
    long staged() throws Exception {
        try (Admin admin = admin()) {
            long end = endOffsets(admin, INBOUND);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            OffsetAndMetadata offset = committed.get(INBOUND);
            return end - (offset == null ? 0 : offset.offset());
        }
    }

    @Override
    long deadLetters() throws Exception {
        try (Admin admin = admin()) {
            return endOffsets(admin, DEAD_LETTERS);
        }
    }

    private Admin admin() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        return Admin.create(properties);
    }

    private static long endOffsets(Admin admin, TopicPartition partition) throws Exception {
        Set<TopicPartition> partitions = Set.of(partition);
        return admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                .partitionResult(partition).get().offset();
    }
}
