package io.contexthub.sync;

import io.contexthub.platform.HttpOutcome;
import io.contexthub.platform.PermanentFailureException;
import io.contexthub.platform.TransientFailureException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * The Java half of {@code sync.fetch}: before a call, waits for the API's rate budget and sets the URL and
 * credentials; after it, reads the rate-limit headers and classifies the answer once. 2xx: the body is the
 * page. 429, 5xx, and 401 (after forgetting the token): transient, retried by the sync route. Any other 4xx:
 * permanent, the run fails with the API's reason.
 */
@Component("syncHttp")
public class SyncHttp {

    static final String RETRY_AFTER = "Retry-After";
    static final String REMAINING = "x-ratelimit-remaining";
    static final String RESET = "x-ratelimit-reset";
    static final int MAX_DETAIL = 300;

    private final Clock clock;

    public SyncHttp(Clock clock) {
        this.clock = clock;
    }

    public void before(Exchange exchange) throws InterruptedException {
        SyncApi api = api(exchange);
        // from the run, not the body: a redelivery after a failed call finds the body already replaced
        SyncRequest request = exchange.getProperty(SyncRuns.RUN, SyncRun.class).current();
        URI url = URI.create(request.url());
        if (!api.mayCall(url)) {
            throw new PermanentFailureException(api.connector() + ": refusing to send credentials to " + url.getHost()
                    + " (a link in a response pointed outside the API)");
        }
        api.budget().acquire();
        Message message = exchange.getMessage();
        // keep Camel's redelivery counters: they are how the route's retries know when to stop
        message.removeHeaders("*", "CamelRedeliver*");
        message.setHeader(Exchange.HTTP_URI, request.url());
        message.setHeader(Exchange.HTTP_METHOD, request.method());
        message.setHeader("Accept", "application/json");
        message.setHeader("Authorization", api.authorization());
        api.headers().forEach(message::setHeader);
        if (request.body() != null) {
            message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        }
        message.setBody(request.body());
    }

    public void after(Exchange exchange) {
        SyncApi api = api(exchange);
        Message message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        message.removeHeader("Authorization");
        Instant now = clock.instant();
        String remaining = message.getHeader(REMAINING, String.class);
        String reset = message.getHeader(RESET, String.class);
        if ("0".equals(remaining) && reset != null && reset.matches("\\d+")) {
            api.budget().blockUntil(Instant.ofEpochSecond(Long.parseLong(reset)));
        }
        HttpOutcome outcome = HttpOutcome.of(status);
        if (outcome == HttpOutcome.SUCCESS) {
            return;
        }
        String url = String.valueOf(message.getHeader(Exchange.HTTP_URI));
        if (status == 429) {
            String retryAfter = message.getHeader(RETRY_AFTER, String.class);
            Instant until = retryAfter == null ? api.rateLimitedUntil(now, name -> message.getHeader(name, String.class),
                    message.getBody(byte[].class)).orElse(null) : null;
            if (until == null) {
                until = now.plusSeconds(HttpOutcome.retryAfterSeconds(retryAfter, 1));
            }
            api.budget().blockUntil(until);
            throw new TransientFailureException(api.connector() + " rate limit hit (429), retrying after "
                    + Duration.between(now, until).toMillis() + " ms: " + url, null);
        }
        switch (outcome) {
            case UNAUTHORIZED -> {
                api.tokenRejected();
                throw new TransientFailureException(api.connector()
                        + " refused the token (401); retrying with a fresh one", null);
            }
            case TRANSIENT -> throw new TransientFailureException(api.connector() + " answered " + status + " for "
                    + url, null);
            default -> throw new PermanentFailureException(api.connector() + " answered " + status + " for " + url
                    + ": " + detail(message));
        }
    }

    private static String detail(Message message) {
        byte[] body = message.getBody(byte[].class);
        if (body == null) {
            return "(no body)";
        }
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "…" : text;
    }

    private static SyncApi api(Exchange exchange) {
        return exchange.getProperty(SyncRuns.RUN, SyncRun.class).stream().api();
    }
}
