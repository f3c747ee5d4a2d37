package io.contexthub.staging;

import io.contexthub.platform.HubHeaders;
import io.contexthub.suppression.Suppressions;
import io.contexthub.tenant.Tenants;
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

    /** Exchange property: the {@link StagedDelivery} being staged. */
    static final String DELIVERY = "hubStagedDelivery";
    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

    private final EnvelopeCodec codec;
    private final DeliveryKeys keys;
    private final SourceActivity activity;
    private final Suppressions suppressions;
    private final Tenants tenants;

    public Deliveries(EnvelopeCodec codec, DeliveryKeys keys, SourceActivity activity, Suppressions suppressions,
                      Tenants tenants) {
        this.tenants = tenants;
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
        boolean suppressed = tenants.in(envelope.tenant(), () -> suppressions.mentionsSuppressed(envelope.payload()));
        return new StagedDelivery(envelope.idempotencyKey(), EnvelopeCodec.fileName(envelope),
                StagingTopics.inbound(envelope.source()), codec.encode(envelope), suppressed, envelope.tenant(),
                envelope.source());
    }

    public void prepare(Exchange exchange) {
        Message message = exchange.getMessage();
        StagedDelivery delivery = message.getBody(StagedDelivery.class);
        message.removeHeaders("*");
        message.setHeader(HubHeaders.IDEMPOTENCY_KEY, delivery.idempotencyKey());
        message.setHeader(HubHeaders.FILE_NAME, delivery.fileName());
        message.setHeader(HubHeaders.STAGING_TOPIC, delivery.topic());
        message.setHeader(HubHeaders.STAGING_KEY, delivery.tenantKey());
        message.setHeader(HubHeaders.SUPPRESSED, delivery.suppressed());
        exchange.setProperty(DELIVERY, delivery);
        message.setBody(delivery.envelope());
    }

    /** The event names an erased person: acknowledged to its sender, counted, never written. */
    public void suppressed(Exchange exchange) {
        StagedDelivery delivery = delivery(exchange);
        tenants.run(delivery.tenant(), () -> suppressions.count(delivery.source(), "ingress"));
        exchange.getMessage().setBody(null);
        receipt(exchange).suppressed(delivery.idempotencyKey());
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
        return keys.seen(delivery(exchange).tenantKey());
    }

    /**
     * Called after the staging write returned, so the envelope is durable: only now is its key remembered. A key
     * that cannot be written does not undo the staging; the event is staged and its retry may stage it again.
     */
    public void staged(Exchange exchange) {
        StagedDelivery delivery = delivery(exchange);
        try {
            keys.remember(delivery.tenantKey());
        } catch (RuntimeException e) {
            log.warn("event {} is staged but its delivery key could not be recorded: {}", delivery.tenantKey(),
                    e.getMessage());
        }
        activity.staged(delivery.tenant(), delivery.source());
        receipt(exchange).staged(delivery.idempotencyKey());
    }

    private static StagedDelivery delivery(Exchange exchange) {
        return exchange.getProperty(DELIVERY, StagedDelivery.class);
    }

    public void duplicate(Exchange exchange) {
        receipt(exchange).duplicate(delivery(exchange).idempotencyKey());
    }

    private static DeliveryReceipt receipt(Exchange exchange) {
        return exchange.getProperty(HubHeaders.RECEIPT, DeliveryReceipt.class);
    }
}
