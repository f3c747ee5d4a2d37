package io.contexthub.sync;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** An API that syncs call: how requests are authorised, how fast they may go, and where they may go. */
public interface SyncApi {

    /** The connector the API belongs to, for logs and errors. */
    String connector();

    /** Whether credentials are configured; syncs of an unconfigured API are not started. */
    boolean configured();

    /** The value of the Authorization header for the next request (fetching or refreshing a token if needed). */
    String authorization();

    /** The last token was refused (401): forget it, so the next request gets a fresh one. */
    void tokenRejected();

    RateBudget budget();

    /** Headers every request carries besides the credentials (Stripe's pinned {@code Stripe-Version}). */
    default Map<String, String> headers() {
        return Map.of();
    }

    /**
     * When an API answers 429 without {@code Retry-After}, whether its answer says how long to wait (HubSpot names
     * the limit it hit in the body). Empty: the caller waits a second and backs off.
     *
     * @param header the response's headers, by name
     * @param body   the response's body, possibly empty
     */
    default Optional<Instant> rateLimitedUntil(Instant now, Function<String, String> header, byte[] body) {
        return Optional.empty();
    }

    /**
     * Whether a URL may receive this API's credentials. "next" links come from responses; following one to
     * another host would hand the token to whoever wrote the response.
     */
    boolean mayCall(URI url);

    /** Whether a URL is on the API's own scheme, host and port (the usual answer to {@link #mayCall}). */
    static boolean sameOrigin(URI base, URI url) {
        return base.getScheme().equals(url.getScheme()) && base.getHost().equals(url.getHost())
                && base.getPort() == url.getPort();
    }
}
