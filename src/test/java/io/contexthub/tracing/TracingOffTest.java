package io.contexthub.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.contexthub.support.FrontEvents;
import io.contexthub.support.HubClient;
import io.contexthub.support.WebhookHubTest;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * With tracing off (the default) nothing traces: no tracing observation handler, no span behind a request (Spring
 * Boot's own switch would keep both, and every request would pay for a span nobody sees), and the hub works as
 * before — the webhook is acknowledged with its correlation id.
 */
@WebhookHubTest
class TracingOffTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    Traces traces;
    @LocalServerPort
    int port;

    @Test
    void tracingOffLeavesNoTracerOnTheRequestPath() {
        assertThat(context.getBeansOfType(TracingObservationHandler.class)).isEmpty();
        assertThat(context.getBeansOfType(ObservationHandler.class).values())
                .noneMatch(handler -> handler.getClass().getName().contains(".tracing."));
        assertThat(context.getBeansOfType(Tracer.class)).isEmpty();
        assertThat(traces.traceparent()).isNull();

        var acked = new HubClient(port, WebhookHubTest.TOKEN).postFront(FrontEvents.SECRET,
                FrontEvents.inbound("evt_untraced", "msg_untraced", "Not traced", null));
        assertThat(acked.status()).isEqualTo(202);
        assertThat(acked.response().headers().firstValue("X-Correlation-Id")).isPresent();
    }
}
