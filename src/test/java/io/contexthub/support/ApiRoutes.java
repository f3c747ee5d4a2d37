package io.contexthub.support;

import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;

/** The HTTP API as the running hub serves it: {@code "<METHOD> <path>"} for every /api route of its Camel context. */
public final class ApiRoutes {

    private ApiRoutes() {
    }

    public static Set<String> of(CamelContext camel) {
        Set<String> routes = new TreeSet<>();
        for (Route route : camel.getRoutes()) {
            if (route.getEndpoint() instanceof PlatformHttpEndpoint http && http.getPath().startsWith("/api/")) {
                String methods = http.getHttpMethodRestrict() == null ? "GET" : http.getHttpMethodRestrict();
                for (String method : methods.split(",")) {
                    routes.add(method.trim() + " " + http.getPath());
                }
            }
        }
        return routes;
    }
}
