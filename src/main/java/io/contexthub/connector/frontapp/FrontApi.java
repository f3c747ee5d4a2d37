package io.contexthub.connector.frontapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.platform.PermanentFailureException;
import io.contexthub.platform.Secret;
import io.contexthub.sync.CheckpointStore;
import io.contexthub.sync.CredentialSeal;
import io.contexthub.sync.OAuthApi;
import io.contexthub.sync.RateBudget;
import io.contexthub.sync.RotatingRefreshToken;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Front's Core API as the syncs call it: a company API token, or an OAuth access token refreshed with the refresh
 * token before it expires or when Front refuses it; one rate budget for the whole company; and "next" links
 * followed only within Front's domain.
 */
@Component
public class FrontApi extends OAuthApi {

    static final Duration EARLY_REFRESH = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(FrontApi.class);

    static final String REFRESH_TOKEN = "frontapp.oauth-refresh-token";

    private final FrontAppSyncProperties properties;
    private final RotatingRefreshToken refreshTokens;

    public FrontApi(FrontAppSyncProperties properties, CheckpointStore checkpoints, Clock clock, ObjectMapper mapper) {
        super(FrontAppWebhookSource.NAME, new RateBudget(FrontAppWebhookSource.NAME, properties.requestsPerMinute(),
                properties.burstPerSecond(), clock), EARLY_REFRESH, clock, mapper);
        this.properties = properties;
        var oauth = properties.oauth();
        this.refreshTokens = oauth.configured() ? new RotatingRefreshToken(REFRESH_TOKEN,
                oauth.refreshToken().reveal(), new CredentialSeal(oauth.clientSecret().reveal()), checkpoints, clock,
                mapper) : null;
    }

    @Override
    public boolean configured() {
        return properties.configured();
    }

    /** A company API token as it is; otherwise an OAuth access token. */
    @Override
    protected Secret fixedToken() {
        return properties.apiToken();
    }

    @Override
    protected String missingCredentials() {
        return properties.oauth().configured() ? null : "hub.connectors.frontapp: set api-token, or "
                + "oauth.client-id, oauth.client-secret and oauth.refresh-token";
    }

    @Override
    public boolean mayCall(URI url) {
        String base = properties.baseUrl().getHost();
        String host = url.getHost();
        if (host == null || !properties.baseUrl().getScheme().equals(url.getScheme())) {
            return false;
        }
        int dot = base.indexOf('.');
        String domain = dot < 0 ? base : base.substring(dot + 1);
        return host.equals(base) || (dot > 0 && domain.contains(".") && host.endsWith("." + domain));
    }

    /**
     * refresh_token grant with HTTP Basic client credentials, as Front's OAuth documentation describes. A refused
     * refresh is tried once more when another instance has rotated the token in the meantime.
     */
    @Override
    protected AccessToken fetchToken() {
        String refreshToken = refreshTokens.current();
        JsonNode token;
        try {
            token = refresh(refreshToken);
        } catch (PermanentFailureException refused) {
            String newer = refreshTokens.current();
            if (newer.equals(refreshToken)) {
                throw refused;
            }
            refreshToken = newer;
            token = refresh(refreshToken);
        }
        refreshTokens.rotated(refreshToken, token.path("refresh_token").asText(null));
        long expires = token.path("expires_at").asLong(0);
        // expires_at: epoch seconds or milliseconds; absent: assume Front's hour
        Instant expiresAt = expires == 0 ? clock.instant().plus(Duration.ofHours(1))
                : expires > 100_000_000_000L ? Instant.ofEpochMilli(expires) : Instant.ofEpochSecond(expires);
        log.info("Front access token refreshed; valid until {}", expiresAt);
        return new AccessToken(token.path("access_token").asText(), expiresAt);
    }

    private JsonNode refresh(String refreshToken) {
        var oauth = properties.oauth();
        String form = "grant_type=refresh_token&refresh_token=" + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8);
        String basic = Base64.getEncoder().encodeToString((oauth.clientId() + ":" + oauth.clientSecret().reveal())
                .getBytes(StandardCharsets.UTF_8));
        return tokens.post(oauth.tokenUrl(), Map.of("Authorization", "Basic " + basic), form, "Front",
                "authorise the app again and set hub.connectors.frontapp.oauth.refresh-token");
    }
}
