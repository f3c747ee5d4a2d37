package io.contexthub.alerting;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.component.resilience4j.ResilienceProcessor;
import org.springframework.stereotype.Component;

/**
 * {@code hub_circuit_breaker_open{breaker}}: 1 while the processing breaker (the {@code circuitBreaker} of
 * {@code process.canonical}, id {@value #PROCESSING}) is open or half open — the store or the model runtime is
 * failing and batches wait in staging — 0 while it is closed.
 */
@Component
public class BreakerGauge {

    static final String PROCESSING = "process.breaker";

    public BreakerGauge(CamelContext camel, MeterRegistry meters) {
        Gauge.builder("hub.circuit.breaker.open", camel, BreakerGauge::open)
                .description("1 while the processing circuit breaker is open or half open")
                .tag("breaker", PROCESSING).register(meters);
    }

    private static double open(CamelContext camel) {
        ResilienceProcessor breaker = camel.getProcessor(PROCESSING, ResilienceProcessor.class);
        if (breaker == null || breaker.getCircuitBreakerState() == null) {
            return Double.NaN;
        }
        return "CLOSED".equals(breaker.getCircuitBreakerState()) ? 0 : 1;
    }
}
