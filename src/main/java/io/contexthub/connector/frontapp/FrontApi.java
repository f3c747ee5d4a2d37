package io.contexthub.connector.frontapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.connection.ConnectedCredential;
import io.contexthub.connection.Connection;
import io.contexthub.connection.ConnectionVault;
import io.contexthub.connection.ConsentUrl;
import io.contexthub.connection.OAuthConnectable;
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
public class FrontApi extends OAuthApi implements OAuthConnectable {

    static final Duration EARLY_REFRESH = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(FrontApi.class);

    static final String REFRESH_TOKEN = "frontapp.oauth-refresh-token";

    private final FrontAppSyncProperties properties;
    private final RotatingRefreshToken refreshTokens;
    private final ConnectedCredential connection;

    public FrontApi(FrontAppSyncProperties properties, CheckpointStore checkpoints, ConnectionVault vault, Clock clock,
                    ObjectMapper mapper) {
        super(FrontAppWebhookSource.NAME, new RateBudget(FrontAppWebhookSource.NAME, properties.requestsPerMinute(),
                properties.burstPerSecond(), clock), EARLY_REFRESH, clock, mapper);
        this.properties = properties;
        this.connection = new ConnectedCredential(FrontAppWebhookSource.NAME, checkpoints, vault, clock, mapper);
        var oauth = properties.oauth();
        this.refreshTokens = oauth.app() ? new RotatingRefreshToken(REFRESH_TOKEN, this::startingRefreshToken,
                new CredentialSeal(oauth.clientSecret().reveal()), checkpoints, clock, mapper) : null;
    }

    /** The connection's refresh token when Front was connected here, else configuration's. */
    private String startingRefreshToken() {
        return connection.secretOr(Connection.REFRESH_TOKEN, properties.oauth().refreshToken());
    }

    @Override
    public boolean configured() {
        return properties.configured() || (properties.oauth().app() && connection.current().isPresent());
    }

    /** A company API token as it is, unless Front was connected here; otherwise an OAuth access token. */
    @Override
    protected Secret fixedToken() {
        return connection.current().isPresent() ? null : properties.apiToken();
    }

    @Override
    protected String credentialsVersion() {
        return connection.version();
    }

    @Override
    protected String missingCredentials() {
        return properties.oauth().app() && startingRefreshToken() != null ? null : "hub.connectors.frontapp: set "
                + "api-token, or oauth.client-id, oauth.client-secret and oauth.refresh-token (or connect Front "
                + "in the console)";
    }

    @Override
    public ConnectedCredential connection() {
        return connection;
    }

    @Override
    public String notConnectable() {
        return properties.oauth().app() ? null : "set hub.connectors.frontapp.oauth.client-id and "
                + "oauth.client-secret (your Front OAuth app's) to connect Front";
    }

    /** Front takes no PKCE challenge (its OAuth documentation names response_type, client_id, redirect_uri, state). */
    @Override
    public boolean pkce() {
        return false;
    }

    @Override
    public URI authorizationUrl(String redirectUri, String state, String codeChallenge) {
        return ConsentUrl.of(properties.oauth().authorizeUrl(), "response_type", "code", "client_id",
                properties.oauth().clientId(), "redirect_uri", redirectUri, "state", state);
    }

    /** authorization_code grant with HTTP Basic client credentials, as the refresh. */
    @Override
    public Connection exchange(String code, String redirectUri, String codeVerifier) {
        String form = "grant_type=authorization_code&code=" + ConsentUrl.encode(code) + "&redirect_uri="
                + ConsentUrl.encode(redirectUri);
        JsonNode token = tokens.post(properties.oauth().tokenUrl(), Map.of("Authorization", basic()), form, "Front",
                "start the connection again from the console");
        return Connection.ofRefreshToken(token, "Front's token answer has no refresh_token",
                "OAuth app " + properties.oauth().clientId());
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
        return tokens.post(oauth.tokenUrl(), Map.of("Authorization", basic()), form, "Front",
                "connect Front again in the console, or authorise the app again and set "
                + "hub.connectors.frontapp.oauth.refresh-token");
    }

    private String basic() {
        var oauth = properties.oauth();
        return "Basic " + Base64.getEncoder().encodeToString((oauth.clientId() + ":" + oauth.clientSecret().reveal())
                .getBytes(StandardCharsets.UTF_8));
    }
}
