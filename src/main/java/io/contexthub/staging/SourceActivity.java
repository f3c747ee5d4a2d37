package io.contexthub.staging;

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
    private final Map<String, Instant> lastStaged = new ConcurrentHashMap<>();

    public SourceActivity(Clock clock) {
        this.clock = clock;
    }

    void staged(String source) {
        lastStaged.put(source, clock.instant());
    }

    public Optional<Instant> lastStaged(String source) {
        return Optional.ofNullable(lastStaged.get(source));
    }

    /** Every source this instance staged something from, with when it last did, by name. */
    public Map<String, Instant> all() {
        return new java.util.TreeMap<>(lastStaged);
    }
}
