package io.contexthub.sync;

import io.contexthub.platform.PermanentFailureException;
import io.contexthub.platform.Secret;
import java.net.URI;

/**
 * An API called with a key that does not expire (a HubSpot private app's token, a Stripe secret key), sent as a
 * bearer token, and only to the API's own origin. A 401 means the key was rolled or revoked: forgetting it changes
 * nothing, and the retries show the refusal in the run's last error.
 */
public abstract class KeyedApi implements SyncApi {

    private final String connector;
    private final String keySetting;
    private final RateBudget budget;

    /**
     * @param keySetting the setting that holds the key, named when it is missing
     */
    protected KeyedApi(String connector, String keySetting, RateBudget budget) {
        this.connector = connector;
        this.keySetting = keySetting;
        this.budget = budget;
    }

    /** The key, or null while none is configured. */
    protected abstract Secret key();

    /** Where the API lives; credentials go nowhere else. */
    protected abstract URI baseUrl();

    @Override
    public String connector() {
        return connector;
    }

    @Override
    public boolean configured() {
        return key() != null;
    }

    @Override
    public String authorization() {
        if (key() == null) {
            throw new PermanentFailureException(keySetting + " is not set");
        }
        return "Bearer " + key().reveal();
    }

    @Override
    public void tokenRejected() {
    }

    @Override
    public RateBudget budget() {
        return budget;
    }

    @Override
    public boolean mayCall(URI url) {
        return SyncApi.sameOrigin(baseUrl(), url);
    }
}
