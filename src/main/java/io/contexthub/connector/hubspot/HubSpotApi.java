package io.contexthub.connector.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.connection.ConnectedCredential;
import io.contexthub.connection.Connection;
import io.contexthub.connection.ConnectionVault;
import io.contexthub.connection.ConsentUrl;
import io.contexthub.connection.OAuthConnectable;
import io.contexthub.platform.Secret;
import io.contexthub.sync.CheckpointStore;
import io.contexthub.sync.OAuthApi;
import io.contexthub.sync.RateBudget;
import io.contexthub.sync.SyncApi;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * HubSpot's CRM API with a private app's access token, or an OAuth app's access token, which lives 30 minutes and
 * is refreshed from {@code expires_in} (HubSpot: "401 is not a valid indicator" of expiry), five minutes early,
 * and again whenever HubSpot refuses it. The budget keeps the app's burst limit per ten seconds
 * and the search endpoints' 5 per second; a 429 says in its body which limit it hit, and that decides the wait:
 * the ten-second window, a second for search, or the portal's next midnight for the daily limit (which pauses the
 * stream until a run after it).
 */
@Component
public class HubSpotApi extends OAuthApi implements OAuthConnectable {

    static final String CONNECTOR = "hubspot";
    static final String INTERVAL = "X-HubSpot-RateLimit-Interval-Milliseconds";
    static final Duration EARLY_REFRESH = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(HubSpotApi.class);

    private final HubSpotSyncProperties properties;
    private final ObjectMapper mapper;
    private final ConnectedCredential connection;

    public HubSpotApi(HubSpotSyncProperties properties, CheckpointStore checkpoints, ConnectionVault vault,
                      Clock clock, ObjectMapper mapper) {
        super(CONNECTOR, new RateBudget(CONNECTOR, properties.requestsPerTenSeconds() * 6,
                properties.searchRequestsPerSecond(), clock), EARLY_REFRESH, clock, mapper);
        this.properties = properties;
        this.mapper = mapper;
        this.connection = new ConnectedCredential(CONNECTOR, checkpoints, vault, clock, mapper);
    }

    @Override
    public boolean configured() {
        return properties.configured() || (properties.oauth().app() && connection.current().isPresent());
    }

    /** A private app's token as it is, unless HubSpot was connected here; otherwise an OAuth access token. */
    @Override
    protected Secret fixedToken() {
        return connection.current().isPresent() ? null : properties.accessToken();
    }

    @Override
    protected String credentialsVersion() {
        return connection.version();
    }

    @Override
    protected String missingCredentials() {
        return properties.oauth().app() && refreshToken() != null ? null : "hub.connectors.hubspot: set "
                + "access-token, or oauth.client-id, oauth.client-secret and oauth.refresh-token (or connect HubSpot "
                + "in the console)";
    }

    /** The connection's refresh token when HubSpot was connected here, else configuration's. */
    private String refreshToken() {
        return connection.secretOr(Connection.REFRESH_TOKEN, properties.oauth().refreshToken());
    }

    @Override
    public ConnectedCredential connection() {
        return connection;
    }

    @Override
    public String notConnectable() {
        return properties.oauth().app() ? null : "set hub.connectors.hubspot.oauth.client-id and oauth.client-secret "
                + "(your HubSpot app's) to connect HubSpot";
    }

    /**
     * No PKCE: HubSpot's authorization URL takes client_id, scope, optional_scope, redirect_uri and state, and its v3
     * token endpoint documents no code_verifier.
     */
    @Override
    public boolean pkce() {
        return false;
    }

    @Override
    public URI authorizationUrl(String redirectUri, String state, String codeChallenge) {
        return ConsentUrl.of(properties.oauth().authorizeUrl(), "client_id", properties.oauth().clientId(), "scope",
                properties.oauth().scopes().trim(), "redirect_uri", redirectUri, "state", state);
    }

    /** The authorization_code grant, every parameter in the form body as the v3 endpoint takes them. */
    @Override
    public Connection exchange(String code, String redirectUri, String codeVerifier) {
        var oauth = properties.oauth();
        String form = "grant_type=authorization_code&client_id=" + encode(oauth.clientId()) + "&client_secret="
                + encode(oauth.clientSecret().reveal()) + "&redirect_uri=" + encode(redirectUri) + "&code="
                + encode(code);
        JsonNode token = tokens.post(oauth.tokenUrl(), Map.of(), form, "HubSpot",
                "start the connection again from the console");
        return Connection.ofRefreshToken(token, "HubSpot's token answer has no refresh_token", "app "
                + oauth.clientId());
    }

    /** Credentials go to the API's own origin only. */
    @Override
    public boolean mayCall(URI url) {
        return SyncApi.sameOrigin(properties.baseUrl(), url);
    }

    /**
     * The refresh_token grant with every parameter in the form body, as HubSpot's v3 token endpoint (and v1 before
     * it, deprecated on 2027-02-16) takes it. HubSpot's refresh tokens do not expire and are not rotated.
     */
    @Override
    protected AccessToken fetchToken() {
        var oauth = properties.oauth();
        String form = "grant_type=refresh_token&client_id=" + encode(oauth.clientId()) + "&client_secret="
                + encode(oauth.clientSecret().reveal()) + "&refresh_token=" + encode(refreshToken());
        JsonNode token = tokens.post(oauth.tokenUrl(), Map.of(), form, "HubSpot",
                "install the app again and set hub.connectors.hubspot.oauth.refresh-token");
        long seconds = token.path("expires_in").asLong(0);
        Instant expiresAt = clock.instant().plusSeconds(seconds > 0 ? seconds : Duration.ofMinutes(30).toSeconds());
        log.info("HubSpot access token refreshed; valid until {}", expiresAt);
        return new AccessToken(token.path("access_token").asText(), expiresAt);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
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
