package io.contexthub.connector.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.platform.Secret;
import io.contexthub.sync.KeyedApi;
import io.contexthub.sync.RateBudget;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * HubSpot's CRM API with a private app's access token. The budget keeps the app's burst limit per ten seconds
 * and the search endpoints' 5 per second; a 429 says in its body which limit it hit, and that decides the wait:
 * the ten-second window, a second for search, or the portal's next midnight for the daily limit (which pauses the
 * stream until a run after it).
 */
@Component
public class HubSpotApi extends KeyedApi {

    static final String CONNECTOR = "hubspot";
    static final String INTERVAL = "X-HubSpot-RateLimit-Interval-Milliseconds";

    private final HubSpotSyncProperties properties;
    private final ObjectMapper mapper;

    public HubSpotApi(HubSpotSyncProperties properties, Clock clock, ObjectMapper mapper) {
        super(CONNECTOR, "hub.connectors.hubspot.access-token", new RateBudget(CONNECTOR,
                properties.requestsPerTenSeconds() * 6, properties.searchRequestsPerSecond(), clock));
        this.properties = properties;
        this.mapper = mapper;
    }

    @Override
    protected Secret key() {
        return properties.accessToken();
    }

    @Override
    protected URI baseUrl() {
        return properties.baseUrl();
    }

    @Override
    public Optional<Instant> rateLimitedUntil(Instant now, Function<String, String> header, byte[] body) {
        JsonNode error = read(body);
        String policy = error.path("policyName").asText("");
        if ("DAILY".equals(policy)) {
            return Optional.of(LocalDate.ofInstant(now, properties.timeZone()).plusDays(1)
                    .atStartOfDay(properties.timeZone()).toInstant());
        }
        if (policy.startsWith("TEN_SECONDLY")) {
            String interval = header.apply(INTERVAL);
            return Optional.of(now.plusMillis(interval != null && interval.matches("\\d+")
                    ? Long.parseLong(interval) : 10_000));
        }
        if (error.path("message").asText("").contains("secondly limit")) {
            return Optional.of(now.plusSeconds(1));
        }
        return Optional.empty();
    }

    private JsonNode read(byte[] body) {
        try {
            return body == null || body.length == 0 ? mapper.createObjectNode() : mapper.readTree(body);
        } catch (IOException e) {
            return mapper.createObjectNode();
        }
    }
}
