package io.contexthub.sync;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A record a sync pulled, ready to become an envelope.
 *
 * @param key     the part of the idempotency key after {@code <connector>:}; the same object delivered by webhook
 *                and by sync should share it, and a changed object should not
 * @param type    the provider's type for it
 * @param payload what the mappings of the stream receive
 */
public record SyncRecord(String key, String type, JsonNode payload) {
}
