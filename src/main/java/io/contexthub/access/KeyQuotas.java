package io.contexthub.access;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
    private final Map<String, Limit> limits = new ConcurrentHashMap<>();

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
        Limit limit = limits.computeIfAbsent(grant.principal(), principal -> limit(principal, perMinute));
        if (limit.limiter().acquirePermission()) {
            limit.allowed().increment();
            return Duration.ZERO;
        }
        limit.throttled().increment();
        long nanos = limit.limiter() instanceof AtomicRateLimiter atomic
                ? atomic.getDetailedMetrics().getNanosToWait() : TimeUnit.MINUTES.toNanos(1);
        return Duration.ofNanos(Math.max(nanos, TimeUnit.SECONDS.toNanos(1)));
    }

    private Limit limit(String principal, int perMinute) {
        RateLimiter limiter = RateLimiter.of("access-" + principal, RateLimiterConfig.custom()
                .limitForPeriod(perMinute).limitRefreshPeriod(Duration.ofMinutes(1))
                .timeoutDuration(Duration.ZERO).build());
        return new Limit(limiter, counter(principal, "allowed"), counter(principal, "throttled"));
    }

    private Counter counter(String principal, String outcome) {
        return Counter.builder("hub.access.requests").description("API and MCP requests per caller")
                .tag("key", principal).tag("outcome", outcome).register(meters);
    }

    private record Limit(RateLimiter limiter, Counter allowed, Counter throttled) {
    }
}
