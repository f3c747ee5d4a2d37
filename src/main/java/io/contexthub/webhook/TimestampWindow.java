package io.contexthub.webhook;

import io.contexthub.platform.RequestRejectedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The freshness rule for signed timestamps: within the tolerance of now, in either direction ({@link #check}), or
 * only not older than it ({@link #checkNotOlder}) for providers whose own libraries accept clock skew forwards.
 */
public final class TimestampWindow {

    private final Clock clock;
    private final Duration tolerance;

    public TimestampWindow(Clock clock, Duration tolerance) {
        this.clock = clock;
        this.tolerance = tolerance;
    }

    public void check(Instant signedAt, String header) {
        reject(Duration.between(signedAt, clock.instant()).abs(), header);
    }

    public void checkNotOlder(Instant signedAt, String header) {
        reject(Duration.between(signedAt, clock.instant()), header);
    }

    private void reject(Duration skew, String header) {
        if (skew.compareTo(tolerance) > 0) {
            throw RequestRejectedException.unauthorized("stale_signature",
                    header + " is " + skew.toSeconds() + " s away from the hub's clock; the tolerance is "
                            + tolerance.toSeconds() + " s");
        }
    }
}
