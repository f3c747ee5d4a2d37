package io.contexthub.staging;

import io.contexthub.tenant.Tenants;

/**
 * One verified provider event ready to stage: the envelope bytes and what the staging write and the duplicate
 * check need to know about them.
 *
 * @param idempotencyKey {@code <source>:<provider event id>}
 * @param fileName       the spool file name (the envelope id)
 * @param topic          the Kafka topic, {@code hub.inbound.<source>}
 * @param envelope       the encoded envelope
 * @param suppressed     the event names a person who was erased: it is acknowledged, counted and not staged
 * @param tenant         the tenant it belongs to
 * @param source         the source it came from
 */
public record StagedDelivery(String idempotencyKey, String fileName, String topic, byte[] envelope,
                             boolean suppressed, String tenant, String source) {

    /** The key that is unique across tenants: what the duplicate check remembers and the bus partitions by. */
    public String tenantKey() {
        return Tenants.qualify(tenant, idempotencyKey);
    }
}
