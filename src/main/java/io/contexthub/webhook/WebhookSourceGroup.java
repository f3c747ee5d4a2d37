package io.contexthub.webhook;

import java.util.List;

/** Webhook sources that exist only through configuration (Standard Webhooks senders), one per configured name. */
public interface WebhookSourceGroup {

    List<WebhookSource> sources();
}
