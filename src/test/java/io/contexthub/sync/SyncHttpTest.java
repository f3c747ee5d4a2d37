package io.contexthub.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.contexthub.platform.PermanentFailureException;
import io.contexthub.platform.TransientFailureException;
import io.contexthub.support.TestClock;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** How an API's answer is classified, and what the rate budget learns from it. */
class SyncHttpTest {

    static final Instant NOW = Instant.parse("2026-11-23T06:00:00Z");

    final RateBudget budget = new RateBudget("test", 100, 10, new TestClock(() -> NOW));
    boolean tokenRejected;

    final SyncApi api = new SyncApi() {
        public String connector() {
            return "test";
        }

        public boolean configured() {
            return true;
        }

        public String authorization() {
            return "Bearer t";
        }

        public void tokenRejected() {
            tokenRejected = true;
        }

        public RateBudget budget() {
            return budget;
        }

        public boolean mayCall(URI url) {
            return "api.example.com".equals(url.getHost());
        }
    };

    final SyncStream stream = new SyncStream() {
        public String connector() {
            return "test";
        }

        public String name() {
            return "things";
        }

        public SyncApi api() {
            return api;
        }

        public SyncStreamSettings settings() {
            return new SyncStreamSettings(java.time.Duration.ofMinutes(5), true);
        }

        public boolean scheduled() {
            return false;
        }

        public List<SyncRequest> first(Optional<String> cursor) {
            return List.of(new SyncRequest("things", "https://api.example.com/things"));
        }

        public SyncPage page(SyncRequest request, JsonNode body) {
            return new SyncPage(List.of(), List.of(), null, null);
        }
    };

    final SyncHttp http = new SyncHttp(new TestClock(() -> NOW));

    Exchange answered(int status, Map<String, Object> headers) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(SyncRuns.RUN, new SyncRun(stream, "k", "me", Checkpoint.initial("test", "things"), NOW,
                stream.first(Optional.empty()), false));
        exchange.getMessage().setHeaders(new java.util.HashMap<>(headers));
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setBody("{\"error\":\"nope\"}");
        return exchange;
    }

    @Test
    void a429IsTransientAndBlocksTheBudgetForRetryAfter() {
        assertThatThrownBy(() -> http.after(answered(429, Map.of("Retry-After", "7"))))
                .isInstanceOf(TransientFailureException.class).hasMessageContaining("429");
        assertThat(budget.blockedUntil()).isEqualTo(NOW.plusSeconds(7));
    }

    @Test
    void aWaitLongerThanARunShouldHoldPausesTheRunInstead() {
        budget.blockUntil(NOW.plus(java.time.Duration.ofHours(1)));

        assertThatThrownBy(budget::acquire).isInstanceOf(SyncPausedException.class).hasMessageContaining("wait until");
    }

    @Test
    void anExhaustedBudgetWaitsForTheReset() {
        http.after(answered(200, Map.of("x-ratelimit-remaining", "0", "x-ratelimit-reset", "1795400000")));

        assertThat(budget.blockedUntil()).isEqualTo(Instant.ofEpochSecond(1795400000));
    }

    @Test
    void a401ForgetsTheTokenAndIsRetried() {
        assertThatThrownBy(() -> http.after(answered(401, Map.of()))).isInstanceOf(TransientFailureException.class);
        assertThat(tokenRejected).isTrue();
    }

    @Test
    void serverErrorsAreTransientOtherClientErrorsArePermanentWithTheApisReason() {
        assertThatThrownBy(() -> http.after(answered(502, Map.of()))).isInstanceOf(TransientFailureException.class);
        assertThatThrownBy(() -> http.after(answered(400, Map.of())))
                .isInstanceOf(PermanentFailureException.class).hasMessageContaining("nope");
    }

    @Test
    void credentialsAreNeverSentOutsideTheApi() {
        Exchange exchange = answered(200, Map.of());
        SyncRun run = new SyncRun(stream, "k", "me", Checkpoint.initial("test", "things"), NOW,
                List.of(new SyncRequest("things", "https://evil.example.net/things?page_token=x")), false);
        exchange.setProperty(SyncRuns.RUN, run);

        assertThatThrownBy(() -> http.before(exchange)).isInstanceOf(PermanentFailureException.class)
                .hasMessageContaining("evil.example.net");
    }
}
