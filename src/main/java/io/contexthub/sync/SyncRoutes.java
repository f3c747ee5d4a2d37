package io.contexthub.sync;

import io.contexthub.tenant.Tenants;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The routes of every sync stream, instantiated from the shared templates (routes/templates.yaml) for each
 * {@link SyncStream} the hub has: {@code sync.<connector>.<stream>} runs it, {@code sync.<connector>.<stream>.schedule}
 * starts it every {@link SyncStream#every()} while its connector is enabled. A new stream therefore needs no route
 * file: its bean (or its entry in a {@link SyncStreamGroup}) is its declaration.
 */
@Component
public class SyncRoutes extends RouteBuilder {

    static final String STREAM_TEMPLATE = "sync-stream";
    static final String SCHEDULE_TEMPLATE = "sync-schedule";

    private final SyncRuns runs;
    private final Tenants tenants;

    public SyncRoutes(SyncRuns runs, Tenants tenants) {
        this.runs = runs;
        this.tenants = tenants;
    }

    @Override
    public void configure() {
        for (String tenant : tenants.ids()) {
            for (SyncStream stream : runs.streams(tenant)) {
                String route = routeId(tenant, stream.connector(), stream.name());
                templatedRoute(STREAM_TEMPLATE).routeId(route)
                        .parameter("route", route)
                        .parameter("tenant", tenant)
                        .parameter("connector", stream.connector())
                        .parameter("stream", stream.name())
                        .parameter("fetch", stream.fetch());
                templatedRoute(SCHEDULE_TEMPLATE).routeId(route + ".schedule")
                        .parameter("route", route)
                        .parameter("connector", stream.connector())
                        .parameter("stream", stream.name())
                        .parameter("every", Long.toString(stream.every().toMillis()))
                        .parameter("enabled", Boolean.toString(stream.scheduled()));
            }
        }
    }

    /** The route that runs a stream: {@code sync.<connector>.<stream>}, also its direct: endpoint. */
    public static String routeId(String connector, String stream) {
        return routeId(Tenants.DEFAULT, connector, stream);
    }

    /** The route of a tenant's stream: {@code sync.<tenant>.<connector>.<stream>} (the default tenant's as above). */
    public static String routeId(String tenant, String connector, String stream) {
        return "sync." + (Tenants.DEFAULT.equals(tenant) ? "" : tenant + ".") + connector + "." + stream;
    }
}
