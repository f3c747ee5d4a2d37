package io.contexthub.access;

import io.contexthub.ratelimit.Limiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Requests per minute per caller (an API key or a JWT subject), so one runaway agent cannot take the hub from
 * everyone else: a Resilience4j rate limiter per caller, its limit the key's own or
 * {@code hub.access.requests-per-minute}; the bootstrap token is not limited. Counted as
 * {@code hub_access_requests_total{key, outcome}}.
 */
@Component
public class KeyQuotas {

    private final int defaultPerMinute;
    private final MeterRegistry meters;
    private final Map<String, Limiter> limits = new ConcurrentHashMap<>();

    public KeyQuotas(AccessProperties properties, MeterRegistry meters) {
        this.defaultPerMinute = properties.requestsPerMinute();
        this.meters = meters;
    }

    /** Zero when the caller may go on now; else how long until it may. */
    Duration acquire(Grant grant) {
        int perMinute = grant.requestsPerMinute() == null ? defaultPerMinute : grant.requestsPerMinute();
        if (perMinute == Grant.UNLIMITED) {
            return Duration.ZERO;
        }
        return limits.computeIfAbsent(grant.principal(), principal -> new Limiter("access-" + principal, perMinute,
                Duration.ofMinutes(1), counter(principal, "allowed"), counter(principal, "throttled"))).acquire();
    }

    private Counter counter(String principal, String outcome) {
        return Counter.builder("hub.access.requests").description("API and MCP requests per caller")
                .tag("key", principal).tag("outcome", outcome).register(meters);
    }

}
