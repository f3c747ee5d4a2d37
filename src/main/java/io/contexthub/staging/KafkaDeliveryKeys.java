package io.contexthub.staging;

import org.apache.camel.processor.idempotent.kafka.KafkaIdempotentRepository;

/**
 * Delivery keys of the Kafka bus: camel-kafka's repository, whose topic ({@code hub.idempotency}) every instance
 * reads, so a redelivery to another instance is a duplicate too. Its {@code add} puts the key in the local cache
 * before it is sent; that is harmless here only because {@link #remember} is called after the envelope was
 * acknowledged (see {@link DeliveryKeys}).
 */
public final class KafkaDeliveryKeys implements DeliveryKeys, AutoCloseable {

    private final KafkaIdempotentRepository repository;

    public KafkaDeliveryKeys(KafkaIdempotentRepository repository) {
        this.repository = repository;
    }

    @Override
    public boolean seen(String key) {
        return repository.contains(key);
    }

    @Override
    public void remember(String key) {
        repository.add(key);
    }

    @Override
    public void close() {
        repository.stop();
    }
}
