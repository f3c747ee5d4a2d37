package io.contexthub.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.platform.PermanentFailureException;
import io.contexthub.platform.Secret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * An API called with OAuth access tokens that the hub obtains itself: the token is cached, fetched again shortly
 * before it expires and whenever the API refuses it. Subclasses say how a token is obtained.
 */
public abstract class OAuthApi implements SyncApi {

    /** A token, and when it stops being valid. */
    public record AccessToken(String value, Instant expiresAt) {
    }

    private final String connector;
    private final RateBudget budget;
    private final Duration earlyRefresh;
    protected final Clock clock;
    protected final TokenEndpoint tokens;
    private AccessToken token;
    private String tokenCredentials;

    protected OAuthApi(String connector, RateBudget budget, Duration earlyRefresh, Clock clock, ObjectMapper mapper) {
        this.connector = connector;
        this.budget = budget;
        this.earlyRefresh = earlyRefresh;
        this.clock = clock;
        this.tokens = new TokenEndpoint(mapper);
    }

    /** Asks the provider for a new access token. */
    protected abstract AccessToken fetchToken();

    /**
     * A token that does not expire (an API token or a private app's token), used as it is when set: it wins over
     * the OAuth flow. None by default.
     */
    protected Secret fixedToken() {
        return null;
    }

    /**
     * Identifies the credentials a token would be fetched with now; a token fetched with others (a source connected
     * again, or disconnected) is not used. The same always by default.
     */
    protected String credentialsVersion() {
        return "";
    }

    /**
     * Why no token can be had, naming the settings to set, when neither a fixed token nor the OAuth credentials are
     * configured; null when they are.
     */
    protected String missingCredentials() {
        return null;
    }

    @Override
    public String connector() {
        return connector;
    }

    @Override
    public synchronized String authorization() {
        if (fixedToken() != null) {
            return "Bearer " + fixedToken().reveal();
        }
        if (missingCredentials() != null) {
            throw new PermanentFailureException(missingCredentials());
        }
        String credentials = credentialsVersion();
        if (token == null || !credentials.equals(tokenCredentials)
                || !clock.instant().isBefore(token.expiresAt().minus(earlyRefresh))) {
            token = fetchToken();
            tokenCredentials = credentials;
        }
        return "Bearer " + token.value();
    }

    @Override
    public synchronized void tokenRejected() {
        token = null;
    }

    @Override
    public RateBudget budget() {
        return budget;
    }
}
