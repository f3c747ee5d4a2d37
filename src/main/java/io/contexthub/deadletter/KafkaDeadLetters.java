package io.contexthub.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.platform.TransientFailureException;
import io.contexthub.staging.StagingTopics;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Dead letters on topic {@code hub.dlq}, keyed by their id. A topic keeps what was written, so a redrive appends a
 * marker under the same key ({@code {"redriven": true}}); reading the topic from the start, the hub shows only
 * letters without a marker. Reads are bounded: the topic is read to its end offsets as they were when asked.
 */
public class KafkaDeadLetters implements DeadLetterStore, AutoCloseable {

    static final String MARKER = "redriven";
    static final String ERASED = "erased";
    static final Duration READ = Duration.ofSeconds(10);

    private final String brokers;
    private final ObjectMapper mapper;
    private final KafkaProducer<String, String> producer;

    public KafkaDeadLetters(String brokers, ObjectMapper mapper) {
        this.brokers = brokers;
        this.mapper = mapper;
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        this.producer = new KafkaProducer<>(properties);
    }

    @Override
    public List<JsonNode> list(int limit, Predicate<JsonNode> keep) {
        List<JsonNode> letters = new ArrayList<>(read().values().stream().filter(keep).toList());
        letters.sort(Comparator.comparing((JsonNode letter) -> letter.path("id").asText()).reversed());
        return letters.subList(0, Math.min(limit, letters.size()));
    }

    @Override
    public Optional<JsonNode> get(String id) {
        return Optional.ofNullable(read().get(id));
    }

    @Override
    public void redriven(String id) {
        mark(id, MARKER);
    }

    @Override
    public void erased(String id) {
        mark(id, ERASED);
    }

    private void mark(String id, String marker) {
        try {
            producer.send(new ProducerRecord<>(StagingTopics.DEAD_LETTERS, id, "{\"" + marker + "\":true}"))
                    .get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new TransientFailureException("cannot mark dead letter " + id + " " + marker + " on Kafka: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientFailureException("interrupted", e);
        }
    }

    /** Every letter on the topic without a redrive marker, by id. */
    private Map<String, JsonNode> read() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        Map<String, JsonNode> letters = new LinkedHashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = consumer.partitionsFor(StagingTopics.DEAD_LETTERS, READ).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ);
            long deadline = System.nanoTime() + READ.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, READ) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new TransientFailureException("reading " + StagingTopics.DEAD_LETTERS + " took over "
                            + READ.toSeconds() + " s", null);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    JsonNode value = mapper.readTree(record.value());
                    if (value.path(MARKER).asBoolean(false) || value.path(ERASED).asBoolean(false)) {
                        letters.remove(record.key());
                    } else {
                        letters.put(value.path("id").asText(record.key()), value);
                    }
                }
            }
        } catch (IOException e) {
            throw new TransientFailureException("unreadable record on " + StagingTopics.DEAD_LETTERS, e);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new TransientFailureException("cannot read " + StagingTopics.DEAD_LETTERS + ": " + e.getMessage(), e);
        }
        return letters;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
