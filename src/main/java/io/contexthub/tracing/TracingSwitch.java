package io.contexthub.tracing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes {@code management.tracing.enabled=false} (the hub's default) mean no tracing at all. Spring Boot's switch
 * only stops exporting and propagating: the tracer and its observation handlers stay, and every request still
 * starts, scopes and ends a span nobody sees — measured at ~13% of the ack rate with 2 connections
 * (docs/performance.md). With tracing off, the tracing auto-configurations are left out, so requests are observed
 * for their metrics only and {@link Traces} finds no tracer.
 */
public class TracingSwitch implements EnvironmentPostProcessor {

    static final String SOURCE = "hub tracing switch";
    static final List<String> TRACING = List.of(
            "org.springframework.boot.actuate.autoconfigure.tracing.MicrometerTracingAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.tracing.NoopTracerAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.tracing.otlp.OtlpTracingAutoConfiguration");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getProperty("management.tracing.enabled", Boolean.class, true)) {
            return;
        }
        List<String> excluded = new ArrayList<>(Binder.get(environment)
                .bind("spring.autoconfigure.exclude", Bindable.listOf(String.class)).orElse(List.of()));
        TRACING.stream().filter(name -> !excluded.contains(name)).forEach(excluded::add);
        Map<String, Object> switched = new HashMap<>();
        switched.put("spring.autoconfigure.exclude", String.join(",", excluded));
        environment.getPropertySources().addFirst(new MapPropertySource(SOURCE, switched));
    }
}
