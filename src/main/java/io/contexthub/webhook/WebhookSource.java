package io.contexthub.webhook;

import io.contexthub.platform.RequestRejectedException;
/**
 * One provider's webhook scheme: how its signature is verified and how a verified request becomes an event
 * (or a handshake answered on the spot). Implementations live with their connector.
 */
public interface WebhookSource {

    /** The path segment under /webhooks/ and the {@code source} of every envelope it produces. */
    String name();

    /** False while no secret is configured: the endpoint then refuses every request. */
    boolean configured();

    /**
     * Verifies the request over its raw bytes and interprets it.
     *
     * @throws RequestRejectedException with the status and error the sender should see
     */
    WebhookOutcome receive(WebhookRequest request);
}
