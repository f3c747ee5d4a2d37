package io.contexthub.webhook;

import io.contexthub.platform.RequestRejectedException;
import io.contexthub.platform.HubHeaders;
import io.contexthub.staging.Envelope;
import io.contexthub.staging.EnvelopeCodec;
import io.contexthub.staging.StagingTopics;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The Java half of the {@code webhook-ingress} route template: checks size, verifies the signature over the
 * raw bytes and turns the request into an envelope ready to stage (or a handshake answered at once).
 */
@Component("webhookIngress")
public class WebhookIngress {

    private static final Logger log = LoggerFactory.getLogger(WebhookIngress.class);

    private final Map<String, WebhookSource> sources;
    private final EnvelopeCodec codec;
    private final WebhookResponses responses;
    private final long maxBodyBytes;

    public WebhookIngress(List<WebhookSource> sources, EnvelopeCodec codec, WebhookResponses responses,
                          WebhookProperties properties) {
        this.sources = sources.stream().collect(Collectors.toMap(WebhookSource::name, Function.identity()));
        this.codec = codec;
        this.responses = responses;
        this.maxBodyBytes = properties.maxBodySize().toBytes();
        this.sources.values().stream().filter(s -> !s.configured()).forEach(s -> log.warn(
                "webhook source {} has no secret configured (hub.webhooks.{}.secret): its endpoint refuses "
                        + "every request", s.name(), s.name()));
    }

    /** Verifies and interprets the request; leaves either a staged-ready envelope or a handshake reply. */
    public void receive(Exchange exchange, String sourceName) {
        WebhookSource source = sources.get(sourceName);
        if (source == null || !source.configured()) {
            throw new RequestRejectedException(404, "unknown_source",
                    "no webhook source named '" + sourceName + "' is configured");
        }
        Message message = exchange.getMessage();
        byte[] body = message.getBody(byte[].class);
        if (body != null && body.length > maxBodyBytes) {
            throw new RequestRejectedException(413, "payload_too_large",
                    "the body has " + body.length + " bytes; the limit is " + maxBodyBytes);
        }
        WebhookOutcome outcome = source.receive(new WebhookRequest(body, message.getHeaders()));
        if (outcome instanceof WebhookOutcome.Handshake handshake) {
            exchange.setProperty(HubHeaders.HANDSHAKE, true);
            responses.json(exchange, 200, handshake.responseBody());
        } else if (outcome instanceof WebhookOutcome.Event event) {
            Envelope envelope = codec.create(source.name(), event.stream(), event.type(), event.eventId(),
                    true, event.payload());
            message.removeHeaders("*");
            message.setHeader(HubHeaders.IDEMPOTENCY_KEY, envelope.idempotencyKey());
            message.setHeader(HubHeaders.FILE_NAME, EnvelopeCodec.fileName(envelope));
            message.setHeader(HubHeaders.STAGING_TOPIC, StagingTopics.inbound(source.name()));
            message.setHeader(HubHeaders.STAGING_KEY, envelope.idempotencyKey());
            message.setBody(codec.encode(envelope));
        }
    }
}
