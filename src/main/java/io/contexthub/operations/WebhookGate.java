package io.contexthub.operations;

import io.contexthub.platform.ErrorBodies;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Webhooks get {@code 503} with {@code Retry-After} while the hub is not ready: during startup, before the
 * webhook routes exist (Tomcat would answer 404, which senders may take as final and drop the event), and from
 * the moment a shutdown begins. Readiness is Spring Boot's: accepting traffic after startup completed, refusing
 * it once the application context starts closing.
 */
public class WebhookGate extends OncePerRequestFilter {

    static final String RETRY_AFTER_SECONDS = "5";

    private final ApplicationAvailability availability;

    public WebhookGate(ApplicationAvailability availability) {
        this.availability = availability;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (availability.getReadinessState() != ReadinessState.ACCEPTING_TRAFFIC) {
            response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
            ErrorBodies.write(response, 503, "not_ready",
                    "the hub is starting or stopping; retry after " + RETRY_AFTER_SECONDS + " s");
            return;
        }
        chain.doFilter(request, response);
    }
}
