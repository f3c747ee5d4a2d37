package io.contexthub.access;

import io.contexthub.platform.RequestRejectedException;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;

/** The grant of the caller behind an API route or an MCP request, as the access policy admitted it. */
public final class Grants {

    private Grants() {
    }

    public static Grant of(Exchange exchange) {
        if (exchange.getMessage() instanceof PlatformHttpMessage http && http.getRequest() != null) {
            return of(http.getRequest());
        }
        throw missing();
    }

    public static Grant of(HttpServletRequest request) {
        if (request.getAttribute(Grant.ATTRIBUTE) instanceof Grant grant) {
            return grant;
        }
        throw missing();
    }

    // Unreachable behind the security filter chain; refusing keeps a misconfiguration from opening anything.
    private static RequestRejectedException missing() {
        return RequestRejectedException.unauthorized("unauthorized", "the request carries no authenticated key");
    }
}
