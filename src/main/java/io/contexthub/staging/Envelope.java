package io.contexthub.staging;

import com.fasterxml.jackson.databind.JsonNode;
import io.contexthub.tenant.Tenants;
import java.time.Instant;

/**
 * The unit carried between stages. Signatures are checked once at the edge; everything downstream trusts
 * {@code verified}, so a redrive days later never trips a provider's timestamp window.
 *
 * @param id             time-ordered id of this envelope
 * @param source         connector that produced it (frontapp, ...)
 * @param stream         stream within the source (webhook, conversations, ...); selects the mappings
 * @param type           provider's event or record type
 * @param receivedAt     when the hub received it
 * @param idempotencyKey {@code <source>:<provider event id>}
 * @param verified       whether the provider's signature was verified
 * @param payload        the provider's payload, as received
 * @param tenant         the tenant it belongs to; envelopes staged before tenants existed name none and belong to
 *                       the default tenant
 * @param correlationId  the webhook request's or sync page's correlation id, carried to the documents' provenance,
 *                       the dead letters and the logs; null in envelopes staged before correlation ids
 * @param traceparent    the W3C trace context of the request that staged it, so processing continues its trace;
 *                       null when it was not traced
 */
public record Envelope(
        String id,
        String source,
        String stream,
        String type,
        Instant receivedAt,
        String idempotencyKey,
        boolean verified,
        JsonNode payload,
        String tenant,
        String correlationId,
        String traceparent) {

    public Envelope {
        tenant = Tenants.orDefault(tenant);
    }

    /** An envelope without a correlation id. */
    public Envelope(String id, String source, String stream, String type, Instant receivedAt, String idempotencyKey,
                    boolean verified, JsonNode payload, String tenant) {
        this(id, source, stream, type, receivedAt, idempotencyKey, verified, payload, tenant, null, null);
    }

    /** An envelope of the default tenant. */
    public Envelope(String id, String source, String stream, String type, Instant receivedAt, String idempotencyKey,
                    boolean verified, JsonNode payload) {
        this(id, source, stream, type, receivedAt, idempotencyKey, verified, payload, Tenants.DEFAULT);
    }

    /** The key that is unique across tenants, for duplicate checks and the bus's partitioning. */
    public String tenantKey() {
        return Tenants.qualify(tenant, idempotencyKey);
    }
}
