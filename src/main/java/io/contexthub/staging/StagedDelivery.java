package io.contexthub.staging;

/**
 * One verified provider event ready to stage: the envelope bytes and what the staging write and the duplicate
 * check need to know about them.
 *
 * @param idempotencyKey {@code <source>:<provider event id>}
 * @param fileName       the spool file name (the envelope id)
 * @param topic          the Kafka topic, {@code hub.inbound.<source>}
 * @param envelope       the encoded envelope
 * @param suppressed     the event names a person who was erased: it is acknowledged, counted and not staged
 */
public record StagedDelivery(String idempotencyKey, String fileName, String topic, byte[] envelope,
                             boolean suppressed) {

    public StagedDelivery(String idempotencyKey, String fileName, String topic, byte[] envelope) {
        this(idempotencyKey, fileName, topic, envelope, false);
    }
}
