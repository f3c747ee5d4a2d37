package io.contexthub.suppression;

import java.util.Collection;
import org.apache.camel.processor.idempotent.kafka.KafkaIdempotentRepository;

/**
 * The suppressed hashes on the Kafka backbone: camel-kafka's topic-backed set on the compacted topic
 * {@code hub.suppressions}, which every instance reads from the start when it starts and follows afterwards, so
 * an erasure run on one instance suppresses on all of them (within the repository's poll interval). Compaction
 * keeps one record per hash, for ever.
 */
public final class KafkaSuppressionList implements SuppressionList {

    private final KafkaIdempotentRepository repository;

    public KafkaSuppressionList(KafkaIdempotentRepository repository) {
        this.repository = repository;
    }

    @Override
    public boolean containsAny(Collection<String> hashes) {
        for (String hash : hashes) {
            if (repository.contains(hash)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int add(Collection<String> hashes) {
        int added = 0;
        for (String hash : hashes.stream().distinct().toList()) {
            if (!repository.contains(hash)) {
                // sent, and acknowledged by the broker, before add returns
                repository.add(hash);
                added++;
            }
        }
        return added;
    }

    @Override
    public int size() {
        return (int) Math.min(Integer.MAX_VALUE, repository.getCacheSize());
    }
}
