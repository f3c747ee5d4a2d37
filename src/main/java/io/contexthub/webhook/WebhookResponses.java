package io.contexthub.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.platform.ErrorBodies;
import io.contexthub.platform.HttpReplies;
import io.contexthub.platform.HubHeaders;
import io.contexthub.platform.RequestRejectedException;
import io.contexthub.staging.DeliveryReceipt;
import io.contexthub.tenant.Tenants;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.processor.ThrottlerRejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every answer a webhook sender gets: 202 once staged, 200 for a duplicate or a handshake, and the JSON error
 * bodies of DESIGN.md for everything refused. The message is cleared first so no request header (a signature,
 * say) is ever echoed back.
 */
@Component("webhookResponses")
public class WebhookResponses {

    /** Marks the staging write, so a failure there is told apart as 503 rather than 500. */
    public static final String STAGE_STAGING = "staging";

    private static final Logger log = LoggerFactory.getLogger(WebhookResponses.class);

    private final ObjectMapper mapper;
    private final List<WebhookFollowUp> followUps;
    private final long retryAfterSeconds;

    public WebhookResponses(ObjectMapper mapper, WebhookProperties properties, List<WebhookFollowUp> followUps) {
        this.mapper = mapper;
        this.followUps = followUps;
        this.retryAfterSeconds = Math.max(1, (properties.rateLimit().periodMillis() + 999) / 1000);
    }

    /**
     * 202 when at least one event was staged, 200 when every event was a duplicate or names an erased person
     * ({@code suppressed}: the sender must not retry it). A single-event request names its
     * event; a batch lists what was staged and what was already known.
     */
    public void reply(Exchange exchange) {
        DeliveryReceipt receipt = exchange.getProperty(HubHeaders.RECEIPT, DeliveryReceipt.class);
        boolean accepted = !receipt.staged().isEmpty();
        boolean suppressedOnly = !accepted && receipt.duplicates().isEmpty() && !receipt.suppressed().isEmpty();
        ObjectNode body = mapper.createObjectNode().put("status", accepted ? "accepted"
                : suppressedOnly ? "suppressed" : "duplicate");
        List<String> all = new ArrayList<>(receipt.staged());
        all.addAll(receipt.duplicates());
        all.addAll(receipt.suppressed());
        if (all.size() == 1) {
            body.put("eventId", all.get(0));
        } else {
            receipt.staged().forEach(body.putArray("staged")::add);
            receipt.duplicates().forEach(body.putArray("duplicates")::add);
            if (!receipt.suppressed().isEmpty()) {
                receipt.suppressed().forEach(body.putArray("suppressed")::add);
            }
        }
        json(exchange, accepted ? 202 : 200, body);
        if (accepted) {
            followUp(exchange, receipt);
        }
    }

    /** The source's follow-ups, for the events this request staged; never fails the request. */
    @SuppressWarnings("unchecked")
    private void followUp(Exchange exchange, DeliveryReceipt receipt) {
        String source = exchange.getProperty(HubHeaders.SOURCE, String.class);
        List<WebhookOutcome.Event> events = exchange.getProperty(WebhookIngress.EVENTS, List.class);
        // A follow-up calls the provider's API with the sync credentials, which are the default tenant's.
        if (events == null || !Tenants.DEFAULT.equals(exchange.getProperty(HubHeaders.TENANT, Tenants.DEFAULT,
                String.class))) {
            return;
        }
        List<WebhookOutcome.Event> staged = events.stream()
                .filter(event -> receipt.staged().contains(source + ":" + event.eventId())).toList();
        for (WebhookFollowUp followUp : followUps) {
            if (followUp.source().equals(source) && !staged.isEmpty()) {
                try {
                    followUp.staged(staged);
                } catch (RuntimeException e) {
                    log.warn("webhook {}: a follow-up of {} staged events failed", source, staged.size(), e);
                }
            }
        }
    }

    /** Translates whatever stopped the request into its status and error body. */
    public void failure(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String source = exchange.getProperty(HubHeaders.SOURCE, String.class);
        String correlationId = exchange.getProperty(HubHeaders.CORRELATION_ID, String.class);
        if (cause instanceof RequestRejectedException rejected) {
            log.info("webhook {} refused with {} (correlation id {}): {}", source, rejected.status(), correlationId,
                    rejected.detail());
            HttpReplies.rejected(exchange, rejected);
            correlate(exchange);
        } else if (cause instanceof ThrottlerRejectedExecutionException) {
            json(exchange, 429, error("rate_limited", "too many webhook requests; retry after "
                    + retryAfterSeconds + " s"));
            exchange.getMessage().setHeader("Retry-After", retryAfterSeconds);
        } else if (STAGE_STAGING.equals(exchange.getProperty(HubHeaders.STAGE, String.class))) {
            log.warn("webhook {} could not be staged (correlation id {}); answering 503", source, correlationId,
                    cause);
            json(exchange, 503, error("staging_unavailable",
                    "the event could not be stored durably; retry later"));
        } else {
            log.error("webhook {} failed unexpectedly", source, cause);
            json(exchange, 500, error("internal_error", "the hub could not process the request"));
        }
    }

    public void json(Exchange exchange, int status, JsonNode body) {
        HttpReplies.json(exchange, status, body);
        correlate(exchange);
    }

    /** Every answer names the request's correlation id, so a sender can quote it. */
    private static void correlate(Exchange exchange) {
        String correlationId = exchange.getProperty(HubHeaders.CORRELATION_ID, String.class);
        if (correlationId != null) {
            exchange.getMessage().setHeader(HubHeaders.CORRELATION_HEADER, correlationId);
        }
    }

    private static ObjectNode error(String error, String detail) {
        return ErrorBodies.of(error, detail);
    }
}
