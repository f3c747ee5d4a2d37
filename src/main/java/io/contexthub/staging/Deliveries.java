package io.contexthub.staging;

import io.contexthub.platform.HubHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * The Java half of {@code stage.delivery}, the one route that stages an event, from a webhook or a sync: turns a
 * {@link StagedDelivery} into the message the duplicate check and the staging endpoint expect, and records the
 * outcome in the request's {@link DeliveryReceipt}.
 */
@Component("deliveries")
public class Deliveries {

    private final EnvelopeCodec codec;

    public Deliveries(EnvelopeCodec codec) {
        this.codec = codec;
    }

    /** A delivery of {@code envelope}: its bytes and the keys staging needs. */
    public StagedDelivery of(Envelope envelope) {
        return new StagedDelivery(envelope.idempotencyKey(), EnvelopeCodec.fileName(envelope),
                StagingTopics.inbound(envelope.source()), codec.encode(envelope));
    }

    public void prepare(Exchange exchange) {
        Message message = exchange.getMessage();
        StagedDelivery delivery = message.getBody(StagedDelivery.class);
        message.removeHeaders("*");
        message.setHeader(HubHeaders.IDEMPOTENCY_KEY, delivery.idempotencyKey());
        message.setHeader(HubHeaders.FILE_NAME, delivery.fileName());
        message.setHeader(HubHeaders.STAGING_TOPIC, delivery.topic());
        message.setHeader(HubHeaders.STAGING_KEY, delivery.idempotencyKey());
        message.setBody(delivery.envelope());
    }

    public void staged(Exchange exchange) {
        receipt(exchange).staged(exchange.getMessage().getHeader(HubHeaders.IDEMPOTENCY_KEY, String.class));
    }

    public void duplicate(Exchange exchange) {
        receipt(exchange).duplicate(exchange.getMessage().getHeader(HubHeaders.IDEMPOTENCY_KEY, String.class));
    }

    private static DeliveryReceipt receipt(Exchange exchange) {
        return exchange.getProperty(HubHeaders.RECEIPT, DeliveryReceipt.class);
    }
}
