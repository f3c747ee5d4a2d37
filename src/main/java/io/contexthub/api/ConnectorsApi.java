package io.contexthub.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.access.Grants;
import io.contexthub.audit.AuditLog;
import io.contexthub.platform.HttpReplies;
import io.contexthub.platform.HubHeaders;
import io.contexthub.platform.RequestRejectedException;
import io.contexthub.sync.Checkpoint;
import io.contexthub.sync.SyncRoutes;
import io.contexthub.sync.SyncRunRecord;
import io.contexthub.sync.SyncRuns;
import io.contexthub.sync.SyncStream;
import io.contexthub.tenant.Tenants;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code GET /api/connectors}: every sync stream with its state, cursor, progress and lag;
 * {@code POST /api/connectors/{name}/sync[?stream=]}: starts runs now (a stream already running is left alone).
 */
@Component("connectorsApi")
public class ConnectorsApi {

    private static final Logger log = LoggerFactory.getLogger(ConnectorsApi.class);

    private final SyncRuns runs;
    private final ProducerTemplate producer;
    private final ObjectMapper mapper;
    private final Clock clock;

    private final AuditLog audit;
    private final Tenants tenants;

    public ConnectorsApi(SyncRuns runs, ProducerTemplate producer, ObjectMapper mapper,
                         Clock clock, AuditLog audit, Tenants tenants) {
        this.tenants = tenants;
        this.audit = audit;
        this.runs = runs;
        this.producer = producer;
        this.mapper = mapper;
        this.clock = clock;
    }

    public void list(Exchange exchange) {
        HttpReplies.json(exchange, 200, connectors());
    }

    /** A stream's finished runs, newest first ({@code ?limit=}, 1 to 100, default 20). */
    public void history(Exchange exchange, @Header("name") String name, @Header("stream") String stream,
                        @Header("limit") String limit) {
        int max = 20;
        if (limit != null && !limit.isBlank()) {
            max = limit.trim().matches("\\d{1,3}") ? Integer.parseInt(limit.trim()) : -1;
            if (max < 1 || max > SyncRunRecord.KEPT) {
                throw RequestRejectedException.badRequest("invalid_limit", "limit must be 1 to " + SyncRunRecord.KEPT);
            }
        }
        SyncStream found = runs.stream(tenants.current(), name, stream).orElseThrow(() ->
                RequestRejectedException.notFound("unknown_stream", "no sync stream " + name + "/" + stream));
        ObjectNode body = mapper.createObjectNode().put("connector", found.connector()).put("stream", found.name());
        body.set("runs", mapper.valueToTree(runs.checkpoints(tenants.current()).runs(found.connector(),
                found.name(), max)));
        HttpReplies.json(exchange, 200, body);
    }

    /** The sync streams of the current tenant: its own connectors' (docs/security.md#tenants). */
    private List<SyncStream> streams() {
        return runs.streams(tenants.current());
    }

    /** Every sync stream: state, cursor, lag, records done, pending calls, last error. */
    public ObjectNode connectors() {
        Map<String, ObjectNode> connectors = new TreeMap<>();
        for (SyncStream stream : streams()) {
            ObjectNode connector = connectors.computeIfAbsent(stream.connector(), name -> {
                ObjectNode node = mapper.createObjectNode().put("name", name)
                        .put("configured", stream.api().configured());
                node.putArray("streams");
                return node;
            });
            Checkpoint checkpoint = runs.checkpoints(tenants.current()).get(stream.connector(), stream.name())
                    .orElse(Checkpoint.initial(stream.connector(), stream.name()));
            ObjectNode node = ((ArrayNode) connector.get("streams")).addObject();
            node.put("name", stream.name());
            node.put("enabled", stream.enabled());
            node.put("scheduled", stream.scheduled());
            node.put("every", stream.every().toString());
            node.put("state", checkpoint.state().text());
            node.put("cursor", checkpoint.cursor());
            checkpoint.lagSeconds(clock.instant()).ifPresent(lag -> node.put("lagSeconds", lag));
            node.put("recordsDone", checkpoint.recordsDone());
            if (checkpoint.total() != null) {
                node.put("total", checkpoint.total());
            }
            node.put("pendingCalls", checkpoint.pending().size());
            node.put("startedAt", checkpoint.startedAt() == null ? null : checkpoint.startedAt().toString());
            node.put("finishedAt", checkpoint.finishedAt() == null ? null : checkpoint.finishedAt().toString());
            node.put("lastError", checkpoint.lastError());
            node.put("fullReread", checkpoint.full());
        }
        ObjectNode body = mapper.createObjectNode();
        connectors.values().forEach(body.putArray("connectors")::add);
        return body;
    }

    /**
     * Starts runs now. {@code full=true} re-reads from the start, ignoring the cursor, and stages every record again
     * even when it was staged before: what an integrator needs after changing a mapping or adding a field.
     */
    public void sync(Exchange exchange, @Header("name") String name, @Header("stream") String stream,
                     @Header("full") String full) {
        if (full != null && !full.isBlank() && !"true".equals(full) && !"false".equals(full)) {
            throw new RequestRejectedException(400, "invalid_parameter", "full must be true or false, not " + full);
        }
        boolean reread = "true".equals(full);
        List<SyncStream> selected = streams().stream()
                .filter(s -> s.connector().equals(name) && (stream == null || stream.isBlank() || s.name().equals(stream)))
                .toList();
        if (selected.isEmpty()) {
            throw RequestRejectedException.notFound("unknown_connector", "no sync named " + name
                    + (stream == null || stream.isBlank() ? "" : " with a stream " + stream));
        }
        if (!selected.get(0).api().configured()) {
            throw new RequestRejectedException(409, "not_configured", name + " has no credentials configured "
                    + "(see docs/connectors/" + name + ".md)");
        }
        String actor = Grants.of(exchange).principal();
        ArrayNode started = mapper.createArrayNode();
        for (SyncStream s : selected) {
            producer.asyncRequestBodyAndHeader("direct:" + SyncRoutes.routeId(tenants.current(), s.connector(),
                    s.name()), null,
                    HubHeaders.RESTAGE, reread);
            started.add(s.name());
            audit.append("sync.requested", actor, s.connector() + "/" + s.name(), Map.of("full", reread));
            log.info("{} of {}/{} requested through the API", reread ? "full re-read" : "sync", s.connector(),
                    s.name());
        }
        ObjectNode body = mapper.createObjectNode().put("status", "started").put("connector", name)
                .put("full", reread);
        body.set("streams", started);
        HttpReplies.json(exchange, 202, body);
    }

}
