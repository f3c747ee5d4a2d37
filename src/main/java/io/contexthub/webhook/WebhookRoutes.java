package io.contexthub.webhook;

import io.contexthub.tenant.Tenants;
import java.util.List;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The webhook endpoints, instantiated from the shared {@code webhook-ingress} template (routes/templates.yaml):
 * {@code /webhooks/<name>} (route {@code webhook.<name>.receive}) for every {@link WebhookSource} bean, then one
 * route for every source that exists only through configuration ({@code /webhooks/{name}}, Standard Webhooks
 * senders), which the named paths take precedence over. A new webhook source therefore needs no route file: its
 * bean is its declaration.
 */
@Component
public class WebhookRoutes extends RouteBuilder {

    static final String TEMPLATE = "webhook-ingress";
    /** The route of the sources named by configuration. */
    static final String CONFIGURED = "webhook.standard.receive";

    private final List<WebhookSource> sources;
    private final Tenants tenants;

    public WebhookRoutes(List<WebhookSource> sources, Tenants tenants) {
        this.sources = sources;
        this.tenants = tenants;
    }

    /**
     * The default tenant's sources at {@code /webhooks/<name>}; every other tenant's at
     * {@code /webhooks/<tenant>/<name>} (routes {@code webhook.<tenant>.<name>.receive}): the tenant is part of the
     * route, never read from anything the sender controls.
     */
    @Override
    public void configure() {
        for (String tenant : tenants.ids()) {
            String path = Tenants.DEFAULT.equals(tenant) ? "" : tenant + "/";
            String id = Tenants.DEFAULT.equals(tenant) ? "webhook." : "webhook." + tenant + ".";
            sources.stream().map(WebhookSource::name).sorted().forEach(name -> templatedRoute(TEMPLATE)
                    .routeId(id + name + ".receive")
                    .parameter("path", path + name)
                    .parameter("source", name)
                    .parameter("tenant", tenant));
            templatedRoute(TEMPLATE).routeId(Tenants.DEFAULT.equals(tenant) ? CONFIGURED : id + "standard.receive")
                    .parameter("path", path + "{name}")
                    .parameter("source", "${header.name}")
                    .parameter("tenant", tenant);
        }
    }
}
