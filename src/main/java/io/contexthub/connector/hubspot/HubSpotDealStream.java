package io.contexthub.connector.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.sync.SyncPage;
import io.contexthub.sync.SyncRequest;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Deals, searched by {@code hs_lastmodifieddate} like every CRM object, read in batches with their contacts and
 * companies and the history of their stage ({@code propertiesWithHistory: dealstage}), and staged with what their
 * pipeline says about the stages they name ({@link HubSpotPipelines}) under {@code resolved}, plus the currency of
 * their amount (their {@code deal_currency_code}, else {@code hub.connectors.hubspot.currency}). The pipelines are
 * read when a batch names a stage not known yet — at the first batch after a start, and when someone adds a stage
 * — and the batch is then read again, so the answer of every call stays in the checkpoint's terms.
 */
public class HubSpotDealStream extends HubSpotSearchStream {

    static final String PIPELINES = "pipelines";
    static final String STAGE = "dealstage";
    private static final String PIPELINES_READ = "pipelinesRead";
    private static final String THEN_URL = "then.url";
    private static final String THEN_BODY = "then.body";

    private final HubSpotPipelines pipelines = new HubSpotPipelines();
    private final ObjectMapper mapper;

    public HubSpotDealStream(List<String> properties, List<String> associatedWith, HubSpotSyncProperties settings,
                             HubSpotApi api, Clock clock, ObjectMapper mapper) {
        super("deals", "hs_lastmodifieddate", properties, associatedWith, List.of(STAGE), "deals", settings, api,
                clock, mapper);
        this.mapper = mapper;
    }

    @Override
    public SyncPage page(SyncRequest request, JsonNode body) {
        if (PIPELINES.equals(request.kind())) {
            pipelines.read(body);
            Map<String, String> context = new HashMap<>(request.context());
            String url = context.remove(THEN_URL);
            String readBody = context.remove(THEN_BODY);
            // read once per batch: a stage the pipelines do not list (deleted since) must not loop
            context.put(PIPELINES_READ, "true");
            return new SyncPage(List.of(), List.of(new SyncRequest(HubSpotAssociations.READ, url, context, "POST",
                    readBody)), null, null);
        }
        if (!HubSpotAssociations.READ.equals(request.kind())) {
            return super.page(request, body);
        }
        Set<String> named = new LinkedHashSet<>();
        body.path("results").forEach(deal -> named.addAll(stages(deal)));
        // once per batch, unless this process has not read them at all (resumed after a restart)
        if (!pipelines.knows(named) && (!request.context().containsKey(PIPELINES_READ) || !pipelines.loaded())) {
            Map<String, String> context = new HashMap<>(request.context());
            context.put(THEN_URL, request.url());
            context.put(THEN_BODY, request.body());
            return new SyncPage(List.of(), List.of(new SyncRequest(PIPELINES, baseUrl() + "/crm/v3/pipelines/deals",
                    context)), null, null);
        }
        ObjectNode resolvedBody = body.deepCopy();
        resolvedBody.path("results").forEach(deal -> {
            ObjectNode resolved = pipelines.resolve(deal.path("properties").path("pipeline").asText(""), stages(deal),
                    mapper.createObjectNode());
            String currency = deal.path("properties").path("deal_currency_code").asText("");
            resolved.put("currency", currency.isBlank() ? settings.currency() : currency);
            ((ObjectNode) deal).set("resolved", resolved);
        });
        return super.page(request, resolvedBody);
    }

    /** The stages a deal is in and has been in. */
    private static Set<String> stages(JsonNode deal) {
        Set<String> stages = new LinkedHashSet<>();
        String current = deal.path("properties").path(STAGE).asText("");
        if (!current.isBlank()) {
            stages.add(current);
        }
        deal.path("propertiesWithHistory").path(STAGE).forEach(entry -> {
            if (!entry.path("value").asText("").isBlank()) {
                stages.add(entry.path("value").asText());
            }
        });
        return stages;
    }
}
