package io.contexthub.connector.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.connection.ConnectedCredential;
import io.contexthub.connection.Connection;
import io.contexthub.connection.ConnectionVault;
import io.contexthub.connection.ConsentUrl;
import io.contexthub.connection.OAuthConnectable;
import io.contexthub.platform.PermanentFailureException;
import io.contexthub.platform.TransientFailureException;
import io.contexthub.sync.CheckpointStore;
import io.contexthub.sync.RateBudget;
import io.contexthub.sync.SyncApi;
import io.contexthub.sync.TokenEndpoint;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.internal.SalesforceSession;
import org.springframework.stereotype.Component;

/**
 * Salesforce as the syncs see it. camel-salesforce owns the session (login, refresh, re-login on an expired
 * token), so this keeps the rate budget, the org's API usage from the last {@code Sforce-Limit-Info}, and the
 * connection made in the console (web server flow with PKCE), whose refresh token it hands to camel-salesforce's
 * login before the next call.
 */
@Component
public class SalesforceApi implements SyncApi, OAuthConnectable {

    static final String CONNECTOR = "salesforce";
    static final String COMPONENT = "salesforce";
    /** api: the REST API; refresh_token: a refresh token comes with the code's exchange (the app must allow both). */
    static final String SCOPE = "api refresh_token";
    static final Pattern USAGE = Pattern.compile("api-usage=(\\d+)/(\\d+)");

    private final SalesforceProperties properties;
    private final RateBudget budget;
    private final AtomicReference<long[]> usage = new AtomicReference<>(new long[] {0, 0});
    private final ConnectedCredential connection;
    private final TokenEndpoint tokens;
    private String applied = "";

    public SalesforceApi(SalesforceProperties properties, CheckpointStore checkpoints, ConnectionVault vault,
                         Clock clock, ObjectMapper mapper) {
        this.properties = properties;
        this.budget = new RateBudget(CONNECTOR, properties.requestsPerMinute(), properties.requestsPerMinute(), clock);
        this.connection = new ConnectedCredential(CONNECTOR, checkpoints, vault, clock, mapper);
        this.tokens = new TokenEndpoint(mapper);
    }

    @Override
    public String connector() {
        return CONNECTOR;
    }

    @Override
    public boolean configured() {
        return properties.configured() || (app() && connection.current().isPresent());
    }

    private boolean app() {
        return properties.clientId() != null && !properties.clientId().isBlank();
    }

    @Override
    public ConnectedCredential connection() {
        return connection;
    }

    @Override
    public String notConnectable() {
        return app() ? null : "set hub.connectors.salesforce.client-id (and client-secret: your connected app's) to "
                + "connect Salesforce";
    }

    @Override
    public boolean pkce() {
        return true;
    }

    @Override
    public URI authorizationUrl(String redirectUri, String state, String codeChallenge) {
        return ConsentUrl.of(URI.create(properties.loginUrl() + "/services/oauth2/authorize"), "response_type", "code",
                "client_id", properties.clientId(), "redirect_uri", redirectUri, "scope", SCOPE, "state", state,
                "code_challenge", codeChallenge, "code_challenge_method", "S256");
    }

    /** The web server flow's authorization_code grant at the login host, with the PKCE verifier. */
    @Override
    public Connection exchange(String code, String redirectUri, String codeVerifier) {
        StringBuilder form = new StringBuilder("grant_type=authorization_code&code=").append(ConsentUrl.encode(code))
                .append("&client_id=").append(ConsentUrl.encode(properties.clientId()));
        if (properties.clientSecret() != null) {
            form.append("&client_secret=").append(ConsentUrl.encode(properties.clientSecret().reveal()));
        }
        form.append("&redirect_uri=").append(ConsentUrl.encode(redirectUri))
                .append("&code_verifier=").append(ConsentUrl.encode(codeVerifier));
        JsonNode token = tokens.post(URI.create(properties.loginUrl() + "/services/oauth2/token"), Map.of(),
                form.toString(), "Salesforce", "start the connection again from the console");
        return Connection.ofRefreshToken(token, "Salesforce's token answer has no refresh_token: the connected app "
                + "must allow the refresh_token (offline access) scope", token.path("instance_url").asText("org"));
    }

    /**
     * Hands camel-salesforce the refresh token in effect (the connection's, else configuration's) when it changed
     * since the last call, and logs in with it, so the next call already runs as the connected org.
     */
    synchronized void useConnection(CamelContext camel) {
        String version = connection.version();
        if (version.equals(applied)) {
            return;
        }
        String refreshToken = connection.secretOr(Connection.REFRESH_TOKEN, properties.refreshToken());
        SalesforceComponent component = camel.getComponent(COMPONENT, SalesforceComponent.class);
        component.getLoginConfig().setRefreshToken(refreshToken);
        if (refreshToken != null) {
            component.getLoginConfig().setType(AuthenticationType.REFRESH_TOKEN);
            SalesforceSession session = component.getSession();
            if (session != null) {
                try {
                    session.login(session.getAccessToken());
                } catch (SalesforceException e) {
                    throw e.getStatusCode() >= 400 && e.getStatusCode() < 500
                            ? new PermanentFailureException("Salesforce refused the connection's refresh token: "
                            + e.getMessage() + "; connect Salesforce again", e)
                            : new TransientFailureException("Salesforce login failed: " + e.getMessage(), e);
                }
            }
        }
        applied = version;
    }

    /** camel-salesforce adds its own session token to every call. */
    @Override
    public String authorization() {
        return null;
    }

    @Override
    public void tokenRejected() {
        // camel-salesforce logs in again by itself when Salesforce answers INVALID_SESSION_ID
    }

    @Override
    public RateBudget budget() {
        return budget;
    }

    @Override
    public boolean mayCall(URI url) {
        return true;
    }

    /** Reads {@code Sforce-Limit-Info: api-usage=used/limit}. */
    void observe(String limitInfo) {
        if (limitInfo == null) {
            return;
        }
        Matcher matcher = USAGE.matcher(limitInfo);
        if (matcher.find()) {
            usage.set(new long[] {Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2))});
        }
    }

    /** The share of the org's rolling 24-hour allocation spent, when Salesforce last said. */
    double usageShare() {
        long[] current = usage.get();
        return current[1] == 0 ? 0 : (double) current[0] / current[1];
    }

    String usageText() {
        long[] current = usage.get();
        return current[0] + "/" + current[1];
    }
}
