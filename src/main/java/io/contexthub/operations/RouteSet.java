package io.contexthub.operations;

import io.contexthub.pipeline.ProcessingProperties;
import io.contexthub.platform.HubProperties;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.springframework.stereotype.Component;

/**
 * The routes without which the hub would accept events and never index them: the staging write, the consumer of
 * the configured bus and the processing routes. The consumer must also be running, unless
 * {@code hub.processing.auto-startup=false} switched it off on purpose.
 */
@Component
public class RouteSet {

    static final List<String> ALWAYS = List.of("stage.delivery", "process.canonical", "process.envelope",
            "deadletter.write");

    private final CamelContext camel;
    private final String consumer;
    private final boolean consumerMustRun;

    public RouteSet(CamelContext camel, HubProperties hub, ProcessingProperties processing) {
        this.camel = camel;
        this.consumer = "stage." + hub.staging() + ".consume";
        this.consumerMustRun = processing.autoStartup();
    }

    /** The consumer route of the configured bus. */
    public String consumer() {
        return consumer;
    }

    /** What is missing or stopped, in words; empty when the hub can take traffic. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (String id : ALWAYS) {
            if (camel.getRoute(id) == null) {
                problems.add("route " + id + " is not loaded");
            }
        }
        if (camel.getRoute(consumer) == null) {
            problems.add("consumer route " + consumer + " is not loaded (routes/staging/<hub.staging>.yaml)");
        } else if (consumerMustRun && camel.getRouteController().getRouteStatus(consumer) != ServiceStatus.Started) {
            problems.add("consumer route " + consumer + " is " + camel.getRouteController().getRouteStatus(consumer)
                    + " although hub.processing.auto-startup=true");
        }
        return problems;
    }
}
