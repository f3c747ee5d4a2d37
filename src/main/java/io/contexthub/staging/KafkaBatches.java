package io.contexthub.staging;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The Kafka side of micro-batching: camel-kafka's batching consumer hands the route one exchange per record;
 * the pipeline wants the staged bytes, and offsets are committed only after the whole batch was stored.
 */
@Component("kafkaBatches")
public class KafkaBatches {

    private static final Logger log = LoggerFactory.getLogger(KafkaBatches.class);

    public List<byte[]> envelopes(List<Exchange> records) {
        return records.stream().map(record -> record.getMessage().getBody(byte[].class)).toList();
    }

    /**
     * Commits, per partition, the offset after the batch's last record. Runs on the consumer's thread (the batching
     * consumer waits for the route), as the Kafka client requires. A failed commit is not a failed batch: the
     * documents are stored, and the records come again after a rebalance, which deterministic ids make harmless.
     */
    public void commit(List<Exchange> records) {
        Map<String, KafkaManualCommit> lastPerPartition = new LinkedHashMap<>();
        for (Exchange record : records) {
            var message = record.getMessage();
            lastPerPartition.put(message.getHeader(KafkaConstants.TOPIC) + "-" + message.getHeader(KafkaConstants.PARTITION),
                    message.getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class));
        }
        lastPerPartition.forEach((partition, commit) -> {
            try {
                commit.commit();
            } catch (KafkaException e) {
                log.warn("offset commit for {} failed ({}); its records will be delivered again and rewritten "
                        + "harmlessly", partition, e.getMessage());
            }
        });
    }
}
