package io.contexthub.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** Where and how a document entered the hub; filled in by the hub, never by mappings. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Provenance(
        String connector,
        String stream,
        Instant receivedAt,
        boolean signatureVerified,
        String envelopeId,
        String idempotencyKey,
        String mapping,
        String correlationId) {
}
