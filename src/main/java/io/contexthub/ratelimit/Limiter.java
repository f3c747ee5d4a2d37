package io.contexthub.ratelimit;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;

/**
 * A quota of requests per period that never waits (a Resilience4j rate limiter with no timeout), counting what it
 * allowed and what it throttled: what the per-key and per-tenant quotas share.
 */
public final class Limiter {

    private final RateLimiter limiter;
    private final Duration period;
    private final Counter allowed;
    private final Counter throttled;

    public Limiter(String name, int permits, Duration period, Counter allowed, Counter throttled) {
        this.limiter = RateLimiter.of(name, RateLimiterConfig.custom().limitForPeriod(permits)
                .limitRefreshPeriod(period).timeoutDuration(Duration.ZERO).build());
        this.period = period;
        this.allowed = allowed;
        this.throttled = throttled;
    }

    /** Zero when the caller may go on now; else how long until it may (a second at least, for Retry-After). */
    public Duration acquire() {
        if (limiter.acquirePermission()) {
            allowed.increment();
            return Duration.ZERO;
        }
        throttled.increment();
        long nanos = limiter instanceof AtomicRateLimiter atomic
                ? atomic.getDetailedMetrics().getNanosToWait() : period.toNanos();
        return Duration.ofNanos(Math.max(nanos, Duration.ofSeconds(1).toNanos()));
    }
}
