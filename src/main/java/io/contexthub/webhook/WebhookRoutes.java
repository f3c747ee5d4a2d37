package io.contexthub.webhook;

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

    public WebhookRoutes(List<WebhookSource> sources) {
        this.sources = sources;
    }

    @Override
    public void configure() {
        sources.stream().map(WebhookSource::name).sorted().forEach(name -> templatedRoute(TEMPLATE)
                .routeId("webhook." + name + ".receive")
                .parameter("path", name)
                .parameter("source", name));
        templatedRoute(TEMPLATE).routeId(CONFIGURED)
                .parameter("path", "{name}")
                .parameter("source", "${header.name}");
    }
}
