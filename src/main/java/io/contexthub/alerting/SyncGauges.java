package io.contexthub.alerting;

import io.contexthub.sync.Checkpoint;
import io.contexthub.sync.SyncRuns;
import io.contexthub.sync.SyncStream;
import io.contexthub.tenant.Tenants;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the alert rules need to know of every sync stream of every tenant, as gauges: when its last run ended
 * ({@code hub_sync_last_finished_timestamp_seconds}), how often it is scheduled ({@code hub_sync_interval_seconds},
 * scheduled streams only), how far its cursor is behind now ({@code hub_sync_lag_seconds}) and whether its last run
 * failed ({@code hub_sync_failing}). Checkpoints are read at most once per {@link #FRESH} per stream, whatever the
 * scrape rate; an unreadable checkpoint store reads as unknown (NaN), never as a failing scrape.
 */
@Component
public class SyncGauges {

    static final Duration FRESH = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(SyncGauges.class);

    private final SyncRuns runs;
    private final Clock clock;
    private final Map<String, Reading> readings = new ConcurrentHashMap<>();

    public SyncGauges(SyncRuns runs, Tenants tenants, Clock clock, MeterRegistry meters) {
        this.runs = runs;
        this.clock = clock;
        for (String tenant : tenants.ids()) {
            for (SyncStream stream : runs.streams(tenant)) {
                Tags tags = Tags.of("connector", stream.connector(), "stream", stream.name(), "tenant", tenant);
                gauge(meters, "hub.sync.last.finished.timestamp", "when the stream's last run ended", tags,
                        tenant, stream, c -> c.finishedAt() == null ? Double.NaN : c.finishedAt().getEpochSecond());
                gauge(meters, "hub.sync.lag", "how far the stream's cursor is behind now", tags, tenant, stream,
                        c -> c.lagSeconds(clock.instant()).map(Long::doubleValue).orElse(Double.NaN));
                Gauge.builder("hub.sync.failing", () -> value(tenant, stream,
                                c -> c.state() == Checkpoint.State.FAILED ? 1 : 0))
                        .description("1 while the stream's last run failed").tags(tags).register(meters);
                if (stream.scheduled()) {
                    Gauge.builder("hub.sync.interval", stream, s -> s.every().toSeconds()).baseUnit("seconds")
                            .description("how often the stream is scheduled").tags(tags).register(meters);
                }
            }
        }
    }

    private void gauge(MeterRegistry meters, String name, String description, Tags tags, String tenant,
                       SyncStream stream, ToDoubleFunction<Checkpoint> value) {
        Gauge.builder(name, () -> value(tenant, stream, value)).baseUnit("seconds").description(description)
                .tags(tags).register(meters);
    }

    private double value(String tenant, SyncStream stream, ToDoubleFunction<Checkpoint> of) {
        String key = Tenants.qualify(tenant, stream.connector() + "." + stream.name());
        Instant now = clock.instant();
        Reading reading = readings.get(key);
        if (reading == null || reading.at().plus(FRESH).isBefore(now)) {
            try {
                reading = new Reading(now, runs.checkpoints(tenant).get(stream.connector(), stream.name())
                        .orElse(Checkpoint.initial(stream.connector(), stream.name())));
            } catch (RuntimeException e) {
                log.debug("checkpoint of {} unreadable for its gauges: {}", key, e.getMessage());
                return Double.NaN;
            }
            readings.put(key, reading);
        }
        return of.applyAsDouble(reading.checkpoint());
    }

    private record Reading(Instant at, Checkpoint checkpoint) {
    }
}
