package io.contexthub.webhook;

import io.contexthub.platform.HubHeaders;
import io.contexthub.platform.RequestRejectedException;
import io.contexthub.staging.Deliveries;
import io.contexthub.staging.DeliveryReceipt;
import io.contexthub.staging.EnvelopeCodec;
import io.contexthub.staging.StagedDelivery;
import io.contexthub.tenant.TenantQuotas;
import io.contexthub.tenant.Tenants;
import io.contexthub.tracing.Traces;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.apache.camel.processor.ThrottlerRejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The Java half of the {@code webhook-ingress} route template: checks size, verifies the signature over the
 * raw bytes and turns the request into an envelope ready to stage (or a handshake answered at once).
 */
@Component("webhookIngress")
public class WebhookIngress {

    /** Exchange property: the events of the request, for the follow-ups once they are staged. */
    public static final String EVENTS = "hubWebhookEvents";
    private static final Logger log = LoggerFactory.getLogger(WebhookIngress.class);

    /** By tenant, then name. */
    private final Map<String, Map<String, WebhookSource>> sources = new java.util.TreeMap<>();
    private final EnvelopeCodec codec;
    private final TenantQuotas quotas;
    private final Traces traces;
    private final Deliveries deliveries;
    private final WebhookResponses responses;
    private final long maxBodyBytes;

    public WebhookIngress(List<WebhookSource> sources, List<WebhookSourceGroup> groups, EnvelopeCodec codec,
                          Deliveries deliveries, WebhookResponses responses, WebhookProperties properties,
                          Tenants tenants, TenantWebhookSources tenantSources, TenantQuotas quotas,
                          Traces traces) {
        this.traces = traces;
        this.sources.put(Tenants.DEFAULT, byName(Stream.concat(sources.stream(),
                groups.stream().flatMap(g -> g.sources().stream()))));
        tenants.configured().forEach(tenant -> this.sources.put(tenant, byName(tenantSources.of(tenant).stream())));
        this.codec = codec;
        this.deliveries = deliveries;
        this.responses = responses;
        this.quotas = quotas;
        this.maxBodyBytes = properties.maxBodySize().toBytes();
        this.sources.get(Tenants.DEFAULT).values().stream().filter(s -> !s.configured()).forEach(s -> log.warn(
                "webhook source {} has no secret configured (hub.webhooks.{}.secret): its endpoint refuses "
                        + "every request", s.name(), s.name()));
    }

    /** The current tenant's webhook sources by name, each with whether its secret is configured. */
    public Map<String, Boolean> sources(String tenant) {
        Map<String, Boolean> configured = new java.util.TreeMap<>();
        sources.getOrDefault(tenant, Map.of()).forEach((name, source) -> configured.put(name, source.configured()));
        return configured;
    }

    private static Map<String, WebhookSource> byName(Stream<WebhookSource> sources) {
        return sources.collect(Collectors.toMap(WebhookSource::name, Function.identity(), (a, b) -> {
            throw new IllegalStateException("two webhook sources are named " + a.name());
        }));
    }

    /**
     * Verifies and interprets the request; leaves either a handshake reply or, as the body, the deliveries to stage
     * (one per provider event) with an empty {@link DeliveryReceipt} beside them.
     */
    public void receive(Exchange exchange, String sourceName, String tenant) {
        String correlationId = CorrelationIds.of(exchange.getMessage());
        exchange.setProperty(HubHeaders.CORRELATION_ID, correlationId);
        WebhookSource source = sources.getOrDefault(tenant, Map.of()).get(sourceName);
        if (source == null || !source.configured()) {
            throw new RequestRejectedException(404, "unknown_source",
                    "no webhook source named '" + sourceName + "' is configured"
                            + (Tenants.DEFAULT.equals(tenant) ? "" : " for tenant " + tenant));
        }
        if (!quotas.acquire(tenant, TenantQuotas.Kind.WEBHOOK).isZero()) {
            throw new ThrottlerRejectedExecutionException("tenant " + tenant + " is over its "
                    + "hub.tenants." + tenant + ".webhook-requests-per-second");
        }
        Message message = exchange.getMessage();
        byte[] body = rawBody(message);
        if (body != null && body.length > maxBodyBytes) {
            throw new RequestRejectedException(413, "payload_too_large",
                    "the body has " + body.length + " bytes; the limit is " + maxBodyBytes);
        }
        WebhookOutcome outcome = source.receive(new WebhookRequest(body, message.getHeaders()));
        if (outcome instanceof WebhookOutcome.Handshake handshake) {
            exchange.setProperty(HubHeaders.HANDSHAKE, true);
            responses.json(exchange, 200, handshake.responseBody());
            return;
        }
        List<WebhookOutcome.Event> events = outcome instanceof WebhookOutcome.Batch batch
                ? batch.events() : List.of((WebhookOutcome.Event) outcome);
        if (events.isEmpty()) {
            throw RequestRejectedException.badRequest("no_events", "the request carries no events");
        }
        List<StagedDelivery> staged = new ArrayList<>();
        String traceparent = traceparent(message);
        for (WebhookOutcome.Event event : events) {
            staged.add(deliveries.of(codec.create(tenant, source.name(), event.stream(), event.type(),
                    event.eventId(), true, event.payload(), correlationId, traceparent)));
        }
        message.removeHeaders("*");
        message.setBody(staged);
        exchange.setProperty(EVENTS, events);
        exchange.setProperty(HubHeaders.RECEIPT, new DeliveryReceipt());
    }

    /** The request's trace context, as the request filter found it on the server's thread, else the current one. */
    private String traceparent(Message message) {
        if (message instanceof PlatformHttpMessage http && http.getRequest() != null
                && http.getRequest().getAttribute(WebhookRequestFilter.TRACEPARENT) instanceof String traceparent) {
            return traceparent;
        }
        return traces.traceparent();
    }

    /** The bytes the sender signed: as the request filter read them, else the message body (direct calls). */
    private static byte[] rawBody(Message message) {
        if (message instanceof PlatformHttpMessage http && http.getRequest() != null) {
            var raw = RawBodyRequest.of(http.getRequest());
            if (raw.isPresent()) {
                return raw.get();
            }
        }
        return message.getBody(byte[].class);
    }
}
