package io.contexthub.access;

import io.contexthub.platform.ErrorBodies;
import io.contexthub.tenant.TenantQuotas;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * After access was granted: 429 + Retry-After once the caller's requests per minute are spent ({@link KeyQuotas}),
 * or its tenant's ({@link TenantQuotas}).
 */
public final class QuotaFilter extends OncePerRequestFilter {

    private final KeyQuotas quotas;
    private final TenantQuotas tenantQuotas;

    public QuotaFilter(KeyQuotas quotas, TenantQuotas tenantQuotas) {
        this.quotas = quotas;
        this.tenantQuotas = tenantQuotas;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getAttribute(Grant.ATTRIBUTE) instanceof Grant grant) {
            Duration wait = quotas.acquire(grant);
            String spent = grant.name();
            if (wait.isZero()) {
                wait = tenantQuotas.acquire(grant.tenant(), TenantQuotas.Kind.API);
                spent = "tenant " + grant.tenant();
            }
            if (!wait.isZero()) {
                long seconds = (wait.toMillis() + 999) / 1000;
                response.setHeader("Retry-After", Long.toString(seconds));
                ErrorBodies.write(response, 429, "rate_limited", spent + " has used its requests for this "
                        + "minute; retry in " + seconds + " s");
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
