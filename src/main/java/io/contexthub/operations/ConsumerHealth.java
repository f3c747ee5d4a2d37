package io.contexthub.operations;

import java.util.List;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Part of readiness ({@code /actuator/health/readiness}): up only while the staging consumer and the processing
 * routes run, so an orchestrator does not send traffic to a hub that would only stage it.
 */
@Component("hubRoutes")
public class ConsumerHealth implements HealthIndicator {

    private final RouteSet routes;

    public ConsumerHealth(RouteSet routes) {
        this.routes = routes;
    }

    @Override
    public Health health() {
        List<String> problems = routes.problems();
        return problems.isEmpty()
                ? Health.up().withDetail("consumer", routes.consumer()).build()
                : Health.outOfService().withDetail("problems", problems).build();
    }
}
