package io.contexthub.access;

import io.contexthub.platform.ErrorBodies;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * The JSON answers of access control: 401 (who are you?), 403 (not you), 503 (cannot tell right now); each counted
 * as {@code hub_access_refused_total{reason}}, so a burst of guessed tokens or a misconfigured agent shows.
 */
public final class AccessReplies implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final MeterRegistry meters;

    public AccessReplies(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        if (failure instanceof IdentityProviderUnavailableException) {
            count("identity_provider_unavailable");
            response.setHeader("Retry-After", "30");
            ErrorBodies.write(response, 503, "unavailable", failure.getMessage());
            return;
        }
        if (new BearerTokens().resolve(request) == null) {
            count("no_token");
            response.setHeader("WWW-Authenticate", "Bearer");
            ErrorBodies.write(response, 401, "unauthorized",
                    "send Authorization: Bearer <API key> (or the bootstrap token hub.api.token)");
            return;
        }
        count("invalid_token");
        response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        ErrorBodies.write(response, 401, "unauthorized", detail(failure));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        count("forbidden");
        Object reason = request.getAttribute(AccessPolicy.DENIAL);
        response.setHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\"");
        ErrorBodies.write(response, 403, "forbidden", reason == null ? "this key may not do that" : reason.toString());
    }

    private void count(String reason) {
        meters.counter("hub.access.refused", "reason", reason).increment();
    }

    private static String detail(AuthenticationException failure) {
        if (failure instanceof BadCredentialsException) {
            return failure.getMessage();
        }
        if (failure instanceof OAuth2AuthenticationException oauth && oauth.getError().getDescription() != null) {
            return "the bearer token is not valid: " + oauth.getError().getDescription();
        }
        return "the bearer token is not valid";
    }
}
