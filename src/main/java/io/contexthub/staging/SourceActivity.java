package io.contexthub.staging;

import io.contexthub.tenant.Tenants;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * When each source last delivered something this hub instance staged (a webhook or a sync record), so an agent can
 * tell "nothing new about this customer" from "the feed itself is silent". Kept in memory: after a restart, or
 * for what another instance received, readers fall back on the newest stored document of the source.
 */
@Component
public class SourceActivity {

    private final Clock clock;
    private final Tenants tenants;
    /** By tenant, then source. */
    private final Map<String, Map<String, Instant>> lastStaged = new ConcurrentHashMap<>();

    private final MeterRegistry meters;

    public SourceActivity(Clock clock, Tenants tenants, MeterRegistry meters) {
        this.clock = clock;
        this.tenants = tenants;
        this.meters = meters;
    }

    void staged(String tenant, String source) {
        Map<String, Instant> sources = lastStaged.computeIfAbsent(tenant, t -> new ConcurrentHashMap<>());
        if (sources.put(source, clock.instant()) == null) {
            // hub_source_last_staged_timestamp_seconds: the alert rules' "a feed went silent"
            Gauge.builder("hub.source.last.staged.timestamp", sources, s -> s.get(source).getEpochSecond())
                    .baseUnit("seconds").description("when this instance last staged something from the source")
                    .tags("source", source, "tenant", tenant).register(meters);
        }
    }

    /** When the current tenant's {@code source} last delivered something here. */
    public Optional<Instant> lastStaged(String source) {
        return Optional.ofNullable(all().get(source));
    }

    /** Every source this instance staged something from for the current tenant, with when it last did, by name. */
    public Map<String, Instant> all() {
        return new java.util.TreeMap<>(lastStaged.getOrDefault(tenants.current(), Map.of()));
    }
}
