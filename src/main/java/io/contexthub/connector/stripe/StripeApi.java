package io.contexthub.connector.stripe;

import io.contexthub.platform.Secret;
import io.contexthub.sync.KeyedApi;
import io.contexthub.sync.RateBudget;
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
public class StripeApi extends KeyedApi {

    static final String CONNECTOR = "stripe";

    private final StripeSyncProperties properties;

    public StripeApi(StripeSyncProperties properties, Clock clock) {
        super(CONNECTOR, "hub.connectors.stripe.api-key", new RateBudget(CONNECTOR, properties.requestsPerSecond() * 60,
                properties.requestsPerSecond(), clock));
        this.properties = properties;
    }

    @Override
    protected Secret key() {
        return properties.apiKey();
    }

    @Override
    protected URI baseUrl() {
        return properties.baseUrl();
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Stripe-Version", properties.apiVersion());
    }
}
