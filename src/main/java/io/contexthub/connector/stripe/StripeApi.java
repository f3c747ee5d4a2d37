package io.contexthub.connector.stripe;

import io.contexthub.platform.PermanentFailureException;
import io.contexthub.sync.RateBudget;
import io.contexthub.sync.SyncApi;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Stripe's REST API with a secret or restricted key, every call pinned to one {@code Stripe-Version}. Stripe sends
 * no Retry-After with a 429; the shared client waits and backs off, and the budget stays under the per-endpoint
 * limit.
 */
@Component
public class StripeApi implements SyncApi {

    static final String CONNECTOR = "stripe";

    private final StripeSyncProperties properties;
    private final RateBudget budget;

    public StripeApi(StripeSyncProperties properties, Clock clock) {
        this.properties = properties;
        this.budget = new RateBudget(CONNECTOR, properties.requestsPerSecond() * 60, properties.requestsPerSecond(),
                clock);
    }

    @Override
    public String connector() {
        return CONNECTOR;
    }

    @Override
    public boolean configured() {
        return properties.configured();
    }

    @Override
    public String authorization() {
        if (properties.apiKey() == null) {
            throw new PermanentFailureException("hub.connectors.stripe.api-key is not set");
        }
        return "Bearer " + properties.apiKey().reveal();
    }

    /** A key does not expire; a 401 means it was rolled or revoked, which retrying will show. */
    @Override
    public void tokenRejected() {
    }

    @Override
    public RateBudget budget() {
        return budget;
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Stripe-Version", properties.apiVersion());
    }

    @Override
    public boolean mayCall(URI url) {
        URI base = properties.baseUrl();
        return base.getScheme().equals(url.getScheme()) && base.getHost().equals(url.getHost())
                && base.getPort() == url.getPort();
    }
}
