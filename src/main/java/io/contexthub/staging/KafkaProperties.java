package io.contexthub.staging;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Kafka staging settings ({@code hub.kafka.*}), used when {@code hub.staging=kafka}. The brokers are
 * {@code spring.kafka.bootstrap-servers}.
 *
 * @param groupId           consumer group shared by every hub instance; instances split the partitions
 * @param partitions        partitions of the topics the hub creates (the most instances that can share work)
 * @param replicationFactor replicas of the topics the hub creates
 */
@Validated
@ConfigurationProperties("hub.kafka")
public record KafkaProperties(
        @NotBlank @DefaultValue("context-hub") String groupId,
        @Positive @DefaultValue("6") int partitions,
        @Positive @DefaultValue("1") short replicationFactor) {
}
