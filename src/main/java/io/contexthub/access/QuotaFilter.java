package io.contexthub.access;

import io.contexthub.platform.ErrorBodies;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.web.filter.OncePerRequestFilter;

/** After access was granted: 429 + Retry-After once the caller's requests per minute are spent ({@link KeyQuotas}). */
public final class QuotaFilter extends OncePerRequestFilter {

    private final KeyQuotas quotas;

    public QuotaFilter(KeyQuotas quotas) {
        this.quotas = quotas;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getAttribute(Grant.ATTRIBUTE) instanceof Grant grant) {
            Duration wait = quotas.acquire(grant);
            if (!wait.isZero()) {
                long seconds = (wait.toMillis() + 999) / 1000;
                response.setHeader("Retry-After", Long.toString(seconds));
                ErrorBodies.write(response, 429, "rate_limited", grant.name() + " has used its requests for this "
                        + "minute; retry in " + seconds + " s");
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
