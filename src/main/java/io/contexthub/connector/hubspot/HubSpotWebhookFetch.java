package io.contexthub.connector.hubspot;

import io.contexthub.sync.SyncRoutes;
import io.contexthub.webhook.WebhookFollowUp;
import io.contexthub.webhook.WebhookOutcome;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * HubSpot's webhooks name a record and at most one changed property; writing that as the Customer would replace it
 * with a fragment. So a staged contact, company or deal webhook starts, {@code webhook-fetch-delay} later, an incremental
 * run of its object's sync stream, which reads every record changed since the last run through the search API —
 * all the webhooks of that delay share one run (and its rate budget), and a run already in progress takes the
 * stream's lease, so the trigger does nothing twice. The webhook's own Event stays. The delay also gives HubSpot's
 * search index the "few moments" it needs to show the change. Without an access token nothing is fetched; a
 * trigger lost in a crash is made up by the next scheduled run.
 */
@Component
public class HubSpotWebhookFetch implements WebhookFollowUp {

    static final Map<String, String> STREAM_OF = Map.of("contact", "contacts", "company", "companies", "deal",
            "deals");
    private static final Logger log = LoggerFactory.getLogger(HubSpotWebhookFetch.class);

    private final HubSpotSyncProperties properties;
    private final ProducerTemplate producer;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "hubspot-webhook-fetch");
        thread.setDaemon(true);
        return thread;
    });

    public HubSpotWebhookFetch(HubSpotSyncProperties properties, ProducerTemplate producer) {
        this.properties = properties;
        this.producer = producer;
    }

    @Override
    public String source() {
        return HubSpotWebhookSource.NAME;
    }

    @Override
    public void staged(List<WebhookOutcome.Event> events) {
        if (!properties.configured() || properties.webhookFetchDelay().isZero()) {
            return;
        }
        events.stream()
                .map(event -> STREAM_OF.get(event.payload().path("subscriptionType").asText("").split("\\.")[0]))
                .filter(stream -> stream != null && pending.add(stream))
                .forEach(stream -> timer.schedule(() -> run(stream), properties.webhookFetchDelay().toMillis(),
                        TimeUnit.MILLISECONDS));
    }

    private void run(String stream) {
        pending.remove(stream);
        log.info("hubspot/{}: fetching what webhooks named", stream);
        producer.asyncSendBody("direct:" + SyncRoutes.routeId(HubSpotApi.CONNECTOR, stream), null);
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
