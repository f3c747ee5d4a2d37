package io.contexthub.sync;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How fast one API may be called: a per-minute budget and a per-second burst limit (Resilience4j rate limiters),
 * plus whatever the API said last: {@code Retry-After} on a 429, or no requests left until the limit resets.
 * {@link #acquire} waits until all of them allow the next request; sync routes call it before every request.
 */
public final class RateBudget {

    /** The longest a run waits in place for the API. */
    public static final Duration LONGEST_WAIT = Duration.ofMinutes(2);
    private static final Logger log = LoggerFactory.getLogger(RateBudget.class);

    private final String name;
    private final RateLimiter perMinute;
    private final RateLimiter perSecond;
    private final Clock clock;
    private final AtomicReference<Instant> blockedUntil = new AtomicReference<>(Instant.EPOCH);

    public RateBudget(String name, int requestsPerMinute, int burstPerSecond, Clock clock) {
        this.name = name;
        this.clock = clock;
        this.perMinute = RateLimiter.of(name + "-minute", RateLimiterConfig.custom()
                .limitForPeriod(requestsPerMinute).limitRefreshPeriod(Duration.ofMinutes(1))
                .timeoutDuration(Duration.ofMinutes(2)).build());
        this.perSecond = RateLimiter.of(name + "-second", RateLimiterConfig.custom()
                .limitForPeriod(burstPerSecond).limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ofMinutes(2)).build());
    }

    /**
     * Blocks the calling sync until a request is allowed. A wait longer than {@link #LONGEST_WAIT} (an hourly or
     * daily quota spent) pauses the run instead: it would outlast the run's lease, and the next run resumes anyway.
     */
    public void acquire() throws InterruptedException {
        Duration wait = Duration.between(clock.instant(), blockedUntil.get());
        if (wait.compareTo(LONGEST_WAIT) > 0) {
            throw new SyncPausedException(name + ": the API asked to wait until " + blockedUntil.get()
                    + "; the run resumes at its next start");
        }
        if (!wait.isNegative() && !wait.isZero()) {
            log.info("{}: waiting {} ms as the API asked", name, wait.toMillis());
            Thread.sleep(wait.toMillis());
        }
        RateLimiter.waitForPermission(perMinute);
        RateLimiter.waitForPermission(perSecond);
    }

    /** The API refused or exhausted the budget: no request before {@code until}. */
    public void blockUntil(Instant until) {
        blockedUntil.accumulateAndGet(until, (a, b) -> a.isAfter(b) ? a : b);
    }

    public Instant blockedUntil() {
        return blockedUntil.get();
    }
}
