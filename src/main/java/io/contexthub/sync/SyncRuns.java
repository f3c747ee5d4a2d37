package io.contexthub.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.platform.HubHeaders;
import io.contexthub.platform.PermanentFailureException;
import io.contexthub.staging.Deliveries;
import io.contexthub.staging.DeliveryReceipt;
import io.contexthub.staging.EnvelopeCodec;
import io.contexthub.staging.StagedDelivery;
import io.contexthub.tenant.TenantBound;
import io.contexthub.tenant.Tenants;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The Java half of the {@code sync-stream} route template: starts a run (taking the stream's lease and resuming an
 * unfinished run from its checkpoint), reads each response into deliveries, commits the checkpoint after each
 * page is staged, and ends the run. Progress goes to the log, to metrics and to {@code GET /api/connectors}.
 */
@Component("syncRuns")
public class SyncRuns {

    /** Exchange property holding the {@link SyncRun} of a sync route's exchange. */
    public static final String RUN = "hubSyncRun";
    /** How long a lease lasts without a page being committed; a crashed instance's lease expires after it. */
    static final Duration LEASE = Duration.ofMinutes(10);

    private static final Logger log = LoggerFactory.getLogger(SyncRuns.class);

    /** By tenant, then {@link #key}. */
    private final Map<String, Map<String, SyncStream>> streams = new TreeMap<>();
    private final TenantBound<CheckpointStore> checkpoints;
    private final EnvelopeCodec codec;
    private final Deliveries deliveries;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final MeterRegistry meters;
    private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

    public SyncRuns(List<SyncStream> streams, List<SyncStreamGroup> groups, TenantSyncStreams tenantStreams,
                    TenantBound<CheckpointStore> checkpoints, EnvelopeCodec codec, Deliveries deliveries,
                    ObjectMapper mapper, Clock clock, MeterRegistry meters) {
        add(Tenants.DEFAULT, Stream.concat(streams.stream(), groups.stream().flatMap(group -> group.streams().stream()))
                .toList());
        tenantStreams.all().forEach(this::add);
        this.checkpoints = checkpoints;
        this.codec = codec;
        this.deliveries = deliveries;
        this.mapper = mapper;
        this.clock = clock;
        this.meters = meters;
    }

    private void add(String tenant, List<SyncStream> own) {
        Map<String, SyncStream> mine = streams.computeIfAbsent(tenant, t -> new TreeMap<>());
        for (SyncStream stream : own) {
            if (mine.putIfAbsent(key(stream.connector(), stream.name()), stream) != null) {
                throw new IllegalStateException("two sync streams named " + key(stream.connector(), stream.name()));
            }
        }
    }

    static String key(String connector, String stream) {
        return connector + "." + stream;
    }

    /** The default tenant's streams: the hub's own connectors. */
    public List<SyncStream> streams() {
        return streams(Tenants.DEFAULT);
    }

    /** A tenant's streams. */
    public List<SyncStream> streams(String tenant) {
        return List.copyOf(streams.getOrDefault(tenant, Map.of()).values());
    }

    public Optional<SyncStream> stream(String connector, String stream) {
        return stream(Tenants.DEFAULT, connector, stream);
    }

    public Optional<SyncStream> stream(String tenant, String connector, String stream) {
        return Optional.ofNullable(streams.getOrDefault(tenant, Map.of()).get(key(connector, stream)));
    }

    /** A tenant's checkpoint store (the default tenant's is the hub's {@link CheckpointStore} bean). */
    public CheckpointStore checkpoints(String tenant) {
        return checkpoints.of(tenant);
    }

    public void begin(Exchange exchange, String connector, String streamName) {
        begin(exchange, Tenants.DEFAULT, connector, streamName);
    }

    /**
     * Starts a run unless another instance (or another trigger here) holds the stream's lease; then the exchange
     * carries no run and the route does nothing.
     */
    public void begin(Exchange exchange, String tenant, String connector, String streamName) {
        SyncStream stream = stream(tenant, connector, streamName).orElseThrow(() -> new IllegalStateException(
                "no sync stream " + connector + "/" + streamName + " in tenant " + tenant));
        CheckpointStore store = checkpoints(tenant);
        if (!stream.enabled()) {
            log.info("{}/{}: switched off in configuration; not run", connector, streamName);
            exchange.removeProperty(RUN);
            return;
        }
        String leaseKey = "sync." + key(connector, streamName);
        if (!store.lease(leaseKey, owner, LEASE)) {
            log.info("{}/{}: a run is already in progress (here or on another instance); skipping", connector,
                    streamName);
            exchange.removeProperty(RUN);
            return;
        }
        Checkpoint checkpoint = store.get(connector, streamName).orElse(Checkpoint.initial(connector, streamName));
        boolean fullRequested = Boolean.TRUE.equals(exchange.getMessage().getHeader(HubHeaders.RESTAGE, Boolean.class));
        if (fullRequested && checkpoint.unfinished()) {
            // a full re-read covers whatever the unfinished run still had to read
            log.info("{}/{}: the unfinished run is replaced by the full re-read requested", connector, streamName);
            checkpoint = new Checkpoint(connector, streamName, checkpoint.cursor(), List.of(), null, 0, null,
                    Checkpoint.State.IDLE, null, null, null);
        }
        boolean full = fullRequested || checkpoint.unfinished() && checkpoint.full();
        List<SyncRequest> queue = checkpoint.unfinished() ? checkpoint.pending()
                : stream.first(full ? Optional.empty() : Optional.ofNullable(checkpoint.cursor()));
        SyncRun run = new SyncRun(tenant, stream, leaseKey, owner, checkpoint, clock.instant(), queue, full);
        if (full && !checkpoint.unfinished()) {
            log.info("{}/{}: full re-read started (records staged before are staged again)", connector, streamName);
        } else if (checkpoint.unfinished()) {
            log.info("{}/{}: resuming the unfinished run ({} records done, {} calls pending)", connector, streamName,
                    checkpoint.recordsDone(), checkpoint.pending().size());
        } else {
            log.info("{}/{}: run started from cursor {}", connector, streamName, checkpoint.cursor());
        }
        store.put(run.checkpoint(Checkpoint.State.RUNNING, null, null));
        exchange.setProperty(RUN, run);
    }

    /** The next call, as the body for {@code sync.fetch}. */
    public SyncRequest next(Exchange exchange) {
        return run(exchange).current();
    }

    /** Reads the response into the deliveries to stage (the body) and an empty receipt for them. */
    public List<StagedDelivery> page(Exchange exchange) {
        SyncRun run = run(exchange);
        SyncStream stream = run.stream();
        JsonNode body;
        try {
            body = mapper.readTree(exchange.getMessage().getBody(byte[].class));
        } catch (IOException e) {
            throw new PermanentFailureException(stream.connector() + " answered " + run.current().url()
                    + " with something that is not JSON: " + e.getMessage(), e);
        }
        SyncPage page = stream.page(run.current(), body);
        run.read(page);
        List<StagedDelivery> staged = new ArrayList<>();
        for (SyncRecord record : page.records()) {
            staged.add(deliveries.of(codec.create(run.tenant(), stream.connector(), stream.envelopeStream(),
                    record.type(), record.key(), true, record.payload(), run.pageId())));
        }
        exchange.setProperty(HubHeaders.RECEIPT, new DeliveryReceipt());
        exchange.setProperty(HubHeaders.RESTAGE, run.full());
        return staged;
    }

    /** The page's records are staged: advance and store the checkpoint, renewing the lease. */
    public void commit(Exchange exchange) {
        SyncRun run = run(exchange);
        DeliveryReceipt receipt = exchange.getProperty(HubHeaders.RECEIPT, DeliveryReceipt.class);
        int staged = receipt.staged().size() + receipt.duplicates().size() + receipt.suppressed().size();
        run.advance(staged);
        CheckpointStore store = checkpoints(run.tenant());
        store.lease(run.leaseKey(), run.owner(), LEASE);
        store.put(run.checkpoint(Checkpoint.State.RUNNING, null, null));
        SyncStream stream = run.stream();
        meters.counter("hub.sync.records", "connector", stream.connector(), "stream", stream.name(),
                "tenant", run.tenant()).increment(receipt.staged().size());
        log.info("{}/{}: {} records so far{} ({} new in this page, {} already staged)", stream.connector(),
                stream.name(), run.recordsDone(), run.total() == null ? "" : " of " + run.total(),
                receipt.staged().size(), receipt.duplicates().size());
    }

    public void complete(Exchange exchange) {
        SyncRun run = run(exchange);
        Instant finished = clock.instant();
        Checkpoint done = run.checkpoint(Checkpoint.State.IDLE, null, finished);
        CheckpointStore store = checkpoints(run.tenant());
        store.put(done);
        history(store, run.record(SyncRunRecord.COMPLETED, null, finished));
        store.release(run.leaseKey(), run.owner());
        exchange.removeProperty(RUN);
        log.info("{}/{}: run complete, {} records; cursor now {}", done.connector(), done.stream(),
                done.recordsDone(), done.cursor());
    }

    /** The API's limits stop the run for now; it keeps what is pending and resumes at its next run. */
    public void pause(Exchange exchange) {
        end(exchange, Checkpoint.State.PAUSED);
    }

    /** The run failed after its retries: keep what is pending, so the next run resumes there. */
    public void fail(Exchange exchange) {
        end(exchange, Checkpoint.State.FAILED);
    }

    private void end(Exchange exchange, Checkpoint.State state) {
        SyncRun run = exchange.getProperty(RUN, SyncRun.class);
        if (run == null) {
            return;
        }
        Throwable cause = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String error = cause == null ? "unknown" : cause.getMessage();
        CheckpointStore store = checkpoints(run.tenant());
        Instant finished = clock.instant();
        store.put(run.checkpoint(state, error, finished));
        history(store, run.record(state.text(), error, finished));
        store.release(run.leaseKey(), run.owner());
        exchange.removeProperty(RUN);
        meters.counter(state == Checkpoint.State.PAUSED ? "hub.sync.pauses" : "hub.sync.failures",
                "connector", run.stream().connector(), "stream", run.stream().name(), "tenant", run.tenant())
                .increment();
        log.warn("{}/{}: run {} after {} records; the next run resumes where it stopped: {}",
                run.stream().connector(), run.stream().name(), state.text(), run.recordsDone(), error);
    }

    /** The history is for people; a run whose checkpoint is stored is not failed for want of its history entry. */
    private static void history(CheckpointStore store, SyncRunRecord record) {
        try {
            store.recordRun(record);
        } catch (RuntimeException e) {
            log.warn("{}/{}: run {} not added to the stream's history: {}", record.connector(), record.stream(),
                    record.id(), e.getMessage());
        }
    }

    private static SyncRun run(Exchange exchange) {
        return exchange.getProperty(RUN, SyncRun.class);
    }
}
