package io.contexthub.api;

import io.contexthub.access.Grant;
import io.contexthub.tenant.Tenants;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;
import org.springframework.stereotype.Component;

/**
 * Puts the caller's tenant in scope for each exchange of an API route, from the grant the access policy left on the
 * request: every store, identity graph and dead-letter lookup the route makes is then the tenant's own, and no route
 * has to remember to pass it on. Camel runs a platform-http exchange on a thread of its own, so the scope is entered
 * when the exchange begins there and left when it is done.
 */
@Component
public class ApiTenantScope implements RoutePolicyFactory {

    private static final String BEFORE = "hubTenantBefore";

    private final Tenants tenants;

    public ApiTenantScope(Tenants tenants) {
        this.tenants = tenants;
    }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext camelContext, String routeId, NamedNode route) {
        return new RoutePolicySupport() {
            @Override
            public void onExchangeBegin(Route running, Exchange exchange) {
                if (!(running.getEndpoint() instanceof PlatformHttpEndpoint endpoint)
                        || !endpoint.getPath().startsWith("/api/")) {
                    return;
                }
                if (exchange.getMessage() instanceof PlatformHttpMessage http && http.getRequest() != null
                        && http.getRequest().getAttribute(Grant.ATTRIBUTE) instanceof Grant grant) {
                    String before = tenants.enter(grant.tenant());
                    exchange.setProperty(BEFORE, before == null ? "" : before);
                }
            }

            @Override
            public void onExchangeDone(Route running, Exchange exchange) {
                String before = exchange.getProperty(BEFORE, String.class);
                if (before != null) {
                    tenants.leave(before.isEmpty() ? null : before);
                }
            }
        };
    }
}
