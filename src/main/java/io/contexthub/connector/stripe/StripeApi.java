package io.contexthub.connector.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.connection.ConnectedCredential;
import io.contexthub.connection.Connection;
import io.contexthub.connection.ConnectionVault;
import io.contexthub.connection.KeyConnectable;
import io.contexthub.connection.ProviderCheck;
import io.contexthub.platform.PermanentFailureException;
import io.contexthub.platform.Secret;
import io.contexthub.sync.CheckpointStore;
import io.contexthub.sync.KeyedApi;
import io.contexthub.sync.RateBudget;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Stripe's REST API with a secret or restricted key, every call pinned to one {@code Stripe-Version}. Stripe sends
 * no Retry-After with a 429; the shared client waits and backs off, and the budget stays under the per-endpoint
 * limit. The key is configuration's, or one entered once in the console, which wins.
 */
@Component
public class StripeApi extends KeyedApi implements KeyConnectable {

    static final String CONNECTOR = "stripe";
    static final String FIELD = "apiKey";
    static final String SECRET = "api_key";
    /** Secret and restricted keys, test or live mode; publishable keys (pk_) cannot read. */
    static final Pattern KEY = Pattern.compile("(sk|rk)_(test|live)_[0-9A-Za-z_]{4,}");

    private final StripeSyncProperties properties;
    private final ConnectedCredential connection;

    public StripeApi(StripeSyncProperties properties, CheckpointStore checkpoints, ConnectionVault vault, Clock clock,
                     ObjectMapper mapper) {
        super(CONNECTOR, "hub.connectors.stripe.api-key", new RateBudget(CONNECTOR, properties.requestsPerSecond() * 60,
                properties.requestsPerSecond(), clock));
        this.properties = properties;
        this.connection = new ConnectedCredential(CONNECTOR, checkpoints, vault, clock, mapper);
    }

    @Override
    protected Secret key() {
        String connected = connection.secret(SECRET);
        return connected != null ? Secret.valueOf(connected) : properties.apiKey();
    }

    @Override
    protected URI baseUrl() {
        return properties.baseUrl();
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Stripe-Version", properties.apiVersion());
    }

    @Override
    public ConnectedCredential connection() {
        return connection;
    }

    @Override
    public String notConnectable() {
        return null;
    }

    @Override
    public List<String> fields() {
        return List.of(FIELD);
    }

    /** A secret or restricted key that can list customers (the cheapest read every stream of the sync needs). */
    @Override
    public Connection accept(JsonNode request) {
        String key = request.path(FIELD).asText("").trim();
        if (!KEY.matcher(key).matches()) {
            throw new PermanentFailureException(FIELD + " must be a Stripe secret key (sk_test_…, sk_live_…) or "
                    + "restricted key (rk_…)" + (key.startsWith("pk_") ? "; a publishable key cannot read" : ""));
        }
        ProviderCheck.get(URI.create(properties.baseUrl() + "/v1/customers?limit=1"),
                Map.of("Authorization", "Bearer " + key, "Stripe-Version", properties.apiVersion()), "Stripe",
                "Stripe did not accept the key for reading customers");
        return Connection.of(Map.of(SECRET, key), key.substring(0, 8) + "…" + key.substring(key.length() - 4));
    }
}
