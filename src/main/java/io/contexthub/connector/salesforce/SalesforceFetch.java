package io.contexthub.connector.salesforce;

import io.contexthub.platform.HttpOutcome;
import io.contexthub.platform.PermanentFailureException;
import io.contexthub.platform.TransientFailureException;
import io.contexthub.sync.SyncPausedException;
import io.contexthub.sync.SyncRequest;
import io.contexthub.sync.SyncRun;
import io.contexthub.sync.SyncRuns;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.springframework.stereotype.Component;

/**
 * The Java half of {@code sync.fetch.salesforce}: before a call, waits for the budget and pauses when the org's
 * API allocation is nearly spent; after it, reads {@code Sforce-Limit-Info}; when camel-salesforce throws,
 * classifies once: REQUEST_LIMIT_EXCEEDED pauses the stream, 5xx and network trouble are transient, the rest
 * (MALFORMED_QUERY, INVALID_FIELD, ...) fails the run with Salesforce's own message.
 */
@Component("salesforceFetch")
public class SalesforceFetch {

    /** Header the route's toD reads: queryAll or queryMore. */
    public static final String OPERATION = "hubSalesforceOperation";
    /** camel-salesforce's header for the SOQL of a query and the nextRecordsUrl of a queryMore. */
    static final String QUERY_HEADER = "sObjectQuery";
    static final String LIMIT_INFO = "Sforce-Limit-Info";

    private final SalesforceApi api;
    private final SalesforceProperties properties;

    public SalesforceFetch(SalesforceApi api, SalesforceProperties properties) {
        this.api = api;
        this.properties = properties;
    }

    public void before(Exchange exchange) throws InterruptedException {
        if (api.usageShare() >= properties.limitThreshold()) {
            throw new SyncPausedException("the org has used " + api.usageText() + " of its API allocation "
                    + "(pausing at " + Math.round(properties.limitThreshold() * 100) + "%)");
        }
        SyncRequest request = exchange.getProperty(SyncRuns.RUN, SyncRun.class).current();
        api.useConnection(exchange.getContext());
        api.budget().acquire();
        Message message = exchange.getMessage();
        message.removeHeaders("*", "CamelRedeliver*");
        boolean more = SalesforceObjectStream.QUERY_MORE.equals(request.kind());
        message.setHeader(OPERATION, more ? SalesforceObjectStream.QUERY_MORE : SalesforceObjectStream.QUERY);
        message.setHeader(QUERY_HEADER, more ? request.url() : request.body());
        message.setBody(null);
    }

    public void after(Exchange exchange) {
        api.observe(exchange.getMessage().getHeader(LIMIT_INFO, String.class));
    }

    public void failed(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        SalesforceException salesforce = find(caught);
        if (salesforce == null) {
            throw new TransientFailureException("Salesforce call failed: " + (caught == null ? "?" : caught.getMessage()),
                    caught);
        }
        String codes = salesforce.getErrors() == null ? "" : salesforce.getErrors().stream()
                .map(e -> e.getErrorCode() + ": " + e.getMessage()).collect(Collectors.joining("; "));
        if (codes.contains("REQUEST_LIMIT_EXCEEDED")) {
            throw new SyncPausedException("Salesforce: " + codes);
        }
        int status = salesforce.getStatusCode();
        // 401 too: camel-salesforce renews the session on the retry
        if (HttpOutcome.of(status) == HttpOutcome.TRANSIENT || HttpOutcome.of(status) == HttpOutcome.UNAUTHORIZED) {
            throw new TransientFailureException("Salesforce answered " + status + ": " + codes, salesforce);
        }
        throw new PermanentFailureException("Salesforce answered " + status + ": "
                + (codes.isEmpty() ? salesforce.getMessage() : codes));
    }

    private static SalesforceException find(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SalesforceException salesforce) {
                return salesforce;
            }
        }
        return null;
    }
}
