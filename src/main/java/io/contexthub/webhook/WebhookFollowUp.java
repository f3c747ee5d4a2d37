package io.contexthub.webhook;

import java.util.List;

/**
 * What a source does once a request's events are durably staged, before the sender gets its answer: HubSpot's
 * webhooks only name the record that changed, so its connector fetches the records. A follow-up must not block
 * (schedule work, don't do it here) and cannot fail the request: the events are already safe.
 */
public interface WebhookFollowUp {

    /** The webhook source whose events this follows. */
    String source();

    /** The events of one request that were staged (duplicates left out). */
    void staged(List<WebhookOutcome.Event> events);
}
