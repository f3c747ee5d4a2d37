package io.contexthub.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Carries a trace across the bus: the request that stages an envelope writes its W3C {@code traceparent} into it,
 * and processing continues that trace, so one event's path — webhook request, staging, mapping, validation,
 * embedding, the write or the dead letter — is one trace in the tracing backend (exported with OTLP when
 * {@code management.otlp.tracing.endpoint} is set; docs/operations.md#traces). Without tracing it does nothing.
 */
@Component
public class Traces {

    static final String TRACEPARENT = "traceparent";

    private final Tracer tracer;
    private final Propagator propagator;

    @Autowired
    public Traces(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this(tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
    }

    private Traces(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** No tracing (for code run outside the hub). */
    public static Traces none() {
        return new Traces(Tracer.NOOP, Propagator.NOOP);
    }

    /** The current span's context as a {@code traceparent}, or null when nothing is being traced. */
    public String traceparent() {
        Span span = tracer.currentSpan();
        if (span == null || span.isNoop()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(span.context(), carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /**
     * A started span continuing the trace a {@code traceparent} names; a child of the current span when there is
     * none (an envelope staged before traces, or untraced).
     */
    public Span start(String name, String traceparent) {
        Span.Builder builder = traceparent == null ? null
                : propagator.extract(Map.of(TRACEPARENT, traceparent), Map::get);
        Span span = builder != null ? builder.name(name).start() : tracer.nextSpan().name(name).start();
        return span;
    }
}
