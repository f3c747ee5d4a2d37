package io.contexthub.operations;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Refuses to start a hub that would be a black hole: one that answers webhooks 202 but has no consumer or no
 * processing route to index what it staged. Runs once Camel has started, before the hub reports ready.
 */
@Component
public class RouteSetCheck {

    private static final Logger log = LoggerFactory.getLogger(RouteSetCheck.class);

    private final RouteSet routes;

    public RouteSetCheck(RouteSet routes) {
        this.routes = routes;
    }

    @EventListener(ApplicationStartedEvent.class)
    public void check() {
        List<String> problems = routes.problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the hub would accept events it never indexes: "
                    + String.join("; ", problems));
        }
        log.info("routes checked: staging, {} and processing are in place", routes.consumer());
    }
}
