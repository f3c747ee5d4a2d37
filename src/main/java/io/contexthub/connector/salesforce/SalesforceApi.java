package io.contexthub.connector.salesforce;

import io.contexthub.sync.RateBudget;
import io.contexthub.sync.SyncApi;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Salesforce as the syncs see it. camel-salesforce owns the session (login, refresh, re-login on an expired
 * token), so this keeps only the rate budget and the org's API usage from the last {@code Sforce-Limit-Info}.
 */
@Component
public class SalesforceApi implements SyncApi {

    static final String CONNECTOR = "salesforce";
    static final Pattern USAGE = Pattern.compile("api-usage=(\\d+)/(\\d+)");

    private final SalesforceProperties properties;
    private final RateBudget budget;
    private final AtomicReference<long[]> usage = new AtomicReference<>(new long[] {0, 0});

    public SalesforceApi(SalesforceProperties properties, Clock clock) {
        this.properties = properties;
        this.budget = new RateBudget(CONNECTOR, properties.requestsPerMinute(), properties.requestsPerMinute(), clock);
    }

    @Override
    public String connector() {
        return CONNECTOR;
    }

    @Override
    public boolean configured() {
        return properties.configured();
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
