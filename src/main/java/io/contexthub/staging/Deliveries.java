package io.contexthub.staging;

import io.contexthub.platform.HubHeaders;
import io.contexthub.suppression.Suppressions;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The Java half of {@code stage.delivery}, the one route that stages an event, from a webhook or a sync: turns a
 * {@link StagedDelivery} into the message the duplicate check and the staging endpoint expect, and records the
 * outcome in the request's {@link DeliveryReceipt}.
 */
@Component("deliveries")
public class Deliveries {

    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

    private final EnvelopeCodec codec;
    private final DeliveryKeys keys;
    private final SourceActivity activity;
    private final Suppressions suppressions;

    public Deliveries(EnvelopeCodec codec, DeliveryKeys keys, SourceActivity activity, Suppressions suppressions) {
        this.codec = codec;
        this.keys = keys;
        this.activity = activity;
        this.suppressions = suppressions;
    }

    /**
     * A delivery of {@code envelope}: its bytes and the keys staging needs, and whether it names an erased person
     * ({@link Suppressions}), which is decided here, at the edge, before anything about that person is written.
     */
    public StagedDelivery of(Envelope envelope) {
        return new StagedDelivery(envelope.idempotencyKey(), EnvelopeCodec.fileName(envelope),
                StagingTopics.inbound(envelope.source()), codec.encode(envelope),
                suppressions.mentionsSuppressed(envelope.payload()));
    }

    public void prepare(Exchange exchange) {
        Message message = exchange.getMessage();
        StagedDelivery delivery = message.getBody(StagedDelivery.class);
        message.removeHeaders("*");
        message.setHeader(HubHeaders.IDEMPOTENCY_KEY, delivery.idempotencyKey());
        message.setHeader(HubHeaders.FILE_NAME, delivery.fileName());
        message.setHeader(HubHeaders.STAGING_TOPIC, delivery.topic());
        message.setHeader(HubHeaders.STAGING_KEY, delivery.idempotencyKey());
        message.setHeader(HubHeaders.SUPPRESSED, delivery.suppressed());
        message.setBody(delivery.envelope());
    }

    /** The event names an erased person: acknowledged to its sender, counted, never written. */
    public void suppressed(Exchange exchange) {
        String key = key(exchange);
        suppressions.count(key.substring(0, Math.max(0, key.indexOf(':'))), "ingress");
        exchange.getMessage().setBody(null);
        receipt(exchange).suppressed(key);
    }

    /**
     * Whether this event was staged before (its key is remembered only once its envelope was durable). A full
     * re-read of a sync ({@link HubHeaders#RESTAGE}) stages what it reads regardless: the store's version guard
     * keeps that idempotent, and a changed mapping then reaches every record.
     */
    public boolean seen(Exchange exchange) {
        if (Boolean.TRUE.equals(exchange.getProperty(HubHeaders.RESTAGE, Boolean.class))) {
            return false;
        }
        return keys.seen(key(exchange));
    }

    /**
     * Called after the staging write returned, so the envelope is durable: only now is its key remembered. A key
     * that cannot be written does not undo the staging; the event is staged and its retry may stage it again.
     */
    public void staged(Exchange exchange) {
        String key = key(exchange);
        try {
            keys.remember(key);
        } catch (RuntimeException e) {
            log.warn("event {} is staged but its delivery key could not be recorded: {}", key, e.getMessage());
        }
        activity.staged(key.substring(0, Math.max(0, key.indexOf(':'))));
        receipt(exchange).staged(key);
    }

    private static String key(Exchange exchange) {
        return exchange.getMessage().getHeader(HubHeaders.IDEMPOTENCY_KEY, String.class);
    }

    public void duplicate(Exchange exchange) {
        receipt(exchange).duplicate(key(exchange));
    }

    private static DeliveryReceipt receipt(Exchange exchange) {
        return exchange.getProperty(HubHeaders.RECEIPT, DeliveryReceipt.class);
    }
}
