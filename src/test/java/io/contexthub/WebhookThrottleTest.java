package io.contexthub;

import static org.assertj.core.api.Assertions.assertThat;

import io.contexthub.support.HubClient;
import io.contexthub.support.HubTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** Above the ingress rate senders get 429 with Retry-After at once, never a hang. */
@HubTest
@TestPropertySource(properties = {
        "hub.api.token=throttle-token",
        "hub.webhooks.frontapp.secret=throttle-secret",
        "hub.webhooks.rate-limit.requests=2",
        "hub.webhooks.rate-limit.period-millis=60000"})
class WebhookThrottleTest {


    @LocalServerPort
    int port;

    @Test
    void requestsOverTheLimitGet429WithRetryAfter() {
        HubClient hub = new HubClient(port, "throttle-token");
        List<HubClient.Reply> replies = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            replies.add(hub.post("/webhooks/frontapp", Map.of("content-type", "application/json"),
                    "{}".getBytes(StandardCharsets.UTF_8)));
        }

        assertThat(replies.subList(0, 2)).extracting(HubClient.Reply::status).containsOnly(401);
        HubClient.Reply throttled = replies.get(2);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.json().path("error").asText()).isEqualTo("rate_limited");
        assertThat(throttled.response().headers().firstValue("Retry-After")).hasValue("60");
    }
}
