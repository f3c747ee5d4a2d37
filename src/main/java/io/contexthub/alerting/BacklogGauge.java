package io.contexthub.alerting;

import io.contexthub.platform.HubProperties;
import io.contexthub.staging.KafkaProperties;
import io.contexthub.staging.StagingTopics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * {@code hub_backlog_envelopes{bus}}: envelopes staged and not yet processed — the files in the spool's inbound
 * folder, or on Kafka the consumer group's lag summed over its partitions. Counted at most once per {@link #FRESH}
 * (a scrape never lists a large spool or asks the brokers more often); unknown (NaN) while it cannot be counted.
 */
@Component
public class BacklogGauge implements DisposableBean {

    static final Duration FRESH = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(BacklogGauge.class);

    private final HubProperties hub;
    private final KafkaProperties kafka;
    private final Environment environment;
    private final Clock clock;
    private Admin admin;
    private Instant countedAt = Instant.MIN;
    private double count = Double.NaN;

    public BacklogGauge(HubProperties hub, KafkaProperties kafka, Environment environment, Clock clock,
                        MeterRegistry meters) {
        this.hub = hub;
        this.kafka = kafka;
        this.environment = environment;
        this.clock = clock;
        Gauge.builder("hub.backlog.envelopes", this, BacklogGauge::backlog)
                .description("envelopes staged and not yet processed").tag("bus", hub.staging().name())
                .register(meters);
    }

    synchronized double backlog() {
        Instant now = clock.instant();
        if (countedAt.plus(FRESH).isAfter(now)) {
            return count;
        }
        try {
            count = hub.staging() == HubProperties.Staging.kafka ? kafkaLag() : spoolFiles();
        } catch (IOException | RuntimeException e) {
            log.debug("backlog not counted: {}", e.getMessage());
            count = Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            count = Double.NaN;
        }
        countedAt = now;
        return count;
    }

    private double spoolFiles() throws IOException {
        Path inbound = hub.dataDir().resolve("spool").resolve("inbound");
        if (!Files.isDirectory(inbound)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(inbound)) {
            // a write in progress is a .tmp- file, not yet staged
            return files.filter(f -> f.getFileName().toString().endsWith(".json")
                    && !f.getFileName().toString().startsWith(".tmp-")).count();
        }
    }

    /** Over every partition of the inbound topics: its end offset less the group's committed one (or its start). */
    private double kafkaLag() throws InterruptedException {
        try {
            Set<String> topics = admin().listTopics().names().get(5, TimeUnit.SECONDS).stream()
                    .filter(t -> t.startsWith(StagingTopics.INBOUND_PREFIX)).collect(Collectors.toSet());
            if (topics.isEmpty()) {
                return 0;
            }
            Set<TopicPartition> partitions = admin().describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS)
                    .values().stream().flatMap(t -> t.partitions().stream()
                            .map(p -> new TopicPartition(t.name(), p.partition()))).collect(Collectors.toSet());
            Map<TopicPartition, OffsetAndMetadata> committed = admin().listConsumerGroupOffsets(kafka.groupId())
                    .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = offsets(partitions, OffsetSpec.latest());
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = offsets(partitions,
                    OffsetSpec.earliest());
            long lag = 0;
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata done = committed.get(partition);
                long from = done != null ? done.offset() : starts.get(partition).offset();
                lag += Math.max(0, ends.get(partition).offset() - from);
            }
            return lag;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the brokers did not answer: " + e.getMessage(), e);
        }
    }

    private Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets(Set<TopicPartition> partitions,
            OffsetSpec spec) throws InterruptedException, java.util.concurrent.ExecutionException,
            java.util.concurrent.TimeoutException {
        return admin().listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> spec))).all()
                .get(5, TimeUnit.SECONDS);
    }

    private Admin admin() {
        if (admin == null) {
            Properties properties = new Properties();
            properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    environment.getRequiredProperty("spring.kafka.bootstrap-servers"));
            properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
            properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
            admin = Admin.create(properties);
        }
        return admin;
    }

    @Override
    public synchronized void destroy() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
