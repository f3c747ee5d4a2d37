package io.contexthub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.canonical.Entity;
import io.contexthub.deadletter.DeadLetterStore;
import io.contexthub.platform.HttpReplies;
import io.contexthub.staging.SourceActivity;
import io.contexthub.store.ContextStore;
import io.contexthub.tenant.Tenants;
import io.contexthub.webhook.WebhookIngress;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * {@code GET /api/sources}: what an operator looks at first — every source of the caller's tenant (its webhook
 * endpoint and whether it has a secret, when this instance last staged something from it, how many dead letters
 * it has) and how many documents of each kind the store holds. Sync streams are {@code GET /api/connectors}.
 */
@Component("sourcesApi")
public class SourcesApi {

    /** Dead letters are counted up to this; more shows as this many and {@code deadLettersCapped}. */
    static final int DEAD_LETTER_COUNT_CAP = 1000;

    private final WebhookIngress webhooks;
    private final SourceActivity activity;
    private final DeadLetterStore deadLetters;
    private final ContextStore store;
    private final Tenants tenants;
    private final ObjectMapper mapper;

    public SourcesApi(WebhookIngress webhooks, SourceActivity activity, DeadLetterStore deadLetters,
                      ContextStore store, Tenants tenants, ObjectMapper mapper) {
        this.webhooks = webhooks;
        this.activity = activity;
        this.deadLetters = deadLetters;
        this.store = store;
        this.tenants = tenants;
        this.mapper = mapper;
    }

    public void list(Exchange exchange) {
        String tenant = tenants.current();
        Map<String, Boolean> endpoints = webhooks.sources(tenant);
        Map<String, Instant> staged = activity.all();
        Map<String, Integer> letters = new TreeMap<>();
        var listed = deadLetters.list(DEAD_LETTER_COUNT_CAP + 1);
        for (JsonNode letter : listed.subList(0, Math.min(listed.size(), DEAD_LETTER_COUNT_CAP))) {
            letters.merge(letter.path("envelope").path("source").asText("unknown"), 1, Integer::sum);
        }
        TreeSet<String> names = new TreeSet<>(endpoints.keySet());
        names.addAll(staged.keySet());
        names.addAll(letters.keySet());

        ObjectNode body = mapper.createObjectNode().put("tenant", tenant);
        var sources = body.putArray("sources");
        for (String name : names) {
            ObjectNode source = sources.addObject().put("name", name);
            if (endpoints.containsKey(name)) {
                source.put("webhookPath", "/webhooks/" + (Tenants.DEFAULT.equals(tenant) ? "" : tenant + "/") + name);
                source.put("webhookConfigured", endpoints.get(name));
            }
            Instant last = staged.get(name);
            source.put("lastStagedAt", last == null ? null : last.toString());
            source.put("deadLetters", letters.getOrDefault(name, 0));
        }
        body.put("deadLettersCapped", listed.size() > DEAD_LETTER_COUNT_CAP);
        ObjectNode documents = body.putObject("documents");
        for (String type : Entity.names()) {
            documents.put(type, store.count(type));
        }
        HttpReplies.json(exchange, 200, body);
    }
}
