package io.contexthub.staging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.platform.PermanentFailureException;
import io.contexthub.tenant.Tenants;
import java.io.IOException;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Creates envelopes and turns them into the bytes a staging endpoint stores, and back. */
@Component
public class EnvelopeCodec {

    private final ObjectMapper mapper;
    private final Clock clock;

    public EnvelopeCodec(ObjectMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    public Envelope create(String source, String stream, String type, String eventId,
                           boolean verified, JsonNode payload) {
        return create(Tenants.DEFAULT, source, stream, type, eventId, verified, payload);
    }

    public Envelope create(String tenant, String source, String stream, String type, String eventId,
                           boolean verified, JsonNode payload) {
        return create(tenant, source, stream, type, eventId, verified, payload, null);
    }

    /** A new envelope carrying the correlation id of the request or sync page it came in. */
    public Envelope create(String tenant, String source, String stream, String type, String eventId,
                           boolean verified, JsonNode payload, String correlationId) {
        return create(tenant, source, stream, type, eventId, verified, payload, correlationId, null);
    }

    /** A new envelope carrying its correlation id and the trace context of the request that staged it. */
    public Envelope create(String tenant, String source, String stream, String type, String eventId,
                           boolean verified, JsonNode payload, String correlationId, String traceparent) {
        var now = clock.instant();
        // Zero-padded millis first: spool files sort by name in arrival order.
        String id = String.format("%013d-%s", now.toEpochMilli(), UUID.randomUUID());
        return new Envelope(id, source, stream, type, now, source + ":" + eventId, verified, payload, tenant,
                correlationId, traceparent);
    }

    public byte[] encode(Envelope envelope) {
        try {
            return mapper.writeValueAsBytes(envelope);
        } catch (IOException e) {
            throw new IllegalStateException("envelope " + envelope.id() + " cannot be serialised", e);
        }
    }

    public Envelope decode(byte[] bytes) {
        try {
            Envelope envelope = mapper.readValue(bytes, Envelope.class);
            if (envelope.source() == null || envelope.stream() == null || envelope.payload() == null) {
                throw new PermanentFailureException("staged envelope lacks source, stream or payload");
            }
            return envelope;
        } catch (IOException e) {
            throw new PermanentFailureException("staged envelope is not readable JSON: " + e.getMessage(), e);
        }
    }

    /** The file name a spool stores the envelope under. */
    public static String fileName(Envelope envelope) {
        return envelope.id() + ".json";
    }
}
