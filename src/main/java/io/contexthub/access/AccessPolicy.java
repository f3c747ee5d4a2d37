package io.contexthub.access;

import io.contexthub.tenant.Tenants;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Which role each endpoint needs: the whole access policy of the HTTP API and MCP in one table (the first rule that
 * matches decides; anything no rule names needs admin, so a new endpoint is closed until it is given a rule).
 * docs/security.md#roles prints the same table; AccessMatrixTest proves it against every route.
 */
public final class AccessPolicy implements AuthorizationManager<RequestAuthorizationContext> {

    /** The request attribute a refusal's reason is left in, for the 403 body. */
    static final String DENIAL = AccessPolicy.class.getName() + ".denial";

    static final List<Rule> RULES = List.of(
            rule(null, "/api/keys/**", Role.ADMIN, false),
            rule(null, "/api/audit/**", Role.ADMIN, false),
            rule(null, "/api/erasures/**", Role.ADMIN, false),
            rule(null, "/api/subjects/**", Role.ADMIN, false),
            rule(HttpMethod.GET, "/api/connections", Role.OPERATOR, false),
            rule(null, "/api/connections/**", Role.ADMIN, false),
            rule(HttpMethod.DELETE, "/api/context/**", Role.ADMIN, false),
            rule(null, "/api/dead-letters/**", Role.OPERATOR, false),
            rule(HttpMethod.POST, "/api/mappings/dry-run", Role.OPERATOR, false),
            rule(HttpMethod.POST, "/api/connectors/**", Role.OPERATOR, false),
            rule(null, "/api/identity/**", Role.OPERATOR, false),
            rule(HttpMethod.DELETE, "/api/identity-links/**", Role.OPERATOR, false),
            rule(HttpMethod.GET, "/api/identity-links/**", Role.READER, false),
            rule(HttpMethod.GET, "/api/profiles/**", Role.READER, false),
            rule(HttpMethod.GET, "/api/connectors", Role.READER, true),
            rule(HttpMethod.GET, "/api/connectors/*/streams/*/runs", Role.READER, true),
            rule(HttpMethod.GET, "/api/sources", Role.READER, false),
            rule(HttpMethod.GET, "/api/context/**", Role.READER, true),
            rule(HttpMethod.GET, "/api/customers/**", Role.READER, true),
            rule(null, "/mcp/**", Role.READER, true),
            rule(HttpMethod.GET, "/actuator/prometheus", Role.OPERATOR, false),
            // the API's description and its Swagger UI page: public (a browser opening them sends no bearer token)
            rule(HttpMethod.GET, "/api/openapi.json", null, true),
            rule(HttpMethod.GET, "/api/docs", null, true));

    private static final Rule OTHERWISE = new Rule(null, "(any other path)", request -> true, Role.ADMIN, false);

    private final Tenants tenants;

    public AccessPolicy(Tenants tenants) {
        this.tenants = tenants;
    }

    @Override
    public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        HttpServletRequest request = context.getRequest();
        Rule rule = ruleFor(request);
        if (!(authentication.get() instanceof GrantAuthentication authenticated)) {
            return new AuthorizationDecision(rule.role() == null);
        }
        // a token sent to a public path is checked as anywhere else
        Grant grant = authenticated.getPrincipal();
        String asked = request.getHeader(Grant.TENANT_HEADER);
        String tenant = grant.crossTenant() && asked != null ? asked : grant.tenant();
        String denial = null;
        if (asked != null && !asked.equals(tenant)) {
            denial = grant.name() + " belongs to tenant " + grant.tenant() + " and cannot work in tenant " + asked;
        } else if (!tenants.exists(tenant)) {
            denial = "no tenant '" + tenant + "' is configured";
        } else if (rule.role() != null && !grant.role().covers(rule.role())) {
            denial = request.getMethod() + " " + request.getRequestURI() + " needs the " + rule.role().id()
                    + " role; " + grant.name() + " has " + grant.role().id();
        } else if (grant.scoped() && !rule.scopedReaders()) {
            denial = request.getMethod() + " " + request.getRequestURI() + " answers about every source and kind "
                    + "of document; a scoped key cannot use it";
        }
        if (denial != null) {
            request.setAttribute(DENIAL, denial);
            return new AuthorizationDecision(false);
        }
        request.setAttribute(Grant.ATTRIBUTE, grant.in(tenant));
        return new AuthorizationDecision(true);
    }

    static Rule ruleFor(HttpServletRequest request) {
        return RULES.stream().filter(rule -> rule.matcher().matches(request)).findFirst().orElse(OTHERWISE);
    }

    private static Rule rule(HttpMethod method, String pattern, Role role, boolean scopedReaders) {
        return new Rule(method, pattern, PathPatternRequestMatcher.withDefaults().matcher(method, pattern), role,
                scopedReaders);
    }

    /**
     * One line of the policy.
     *
     * @param method        the HTTP method, null for any
     * @param pattern       the path pattern
     * @param matcher       both, as a matcher
     * @param role          the least role that may; null: anyone, without a token
     * @param scopedReaders whether a reader key narrowed to some sources or kinds may (the endpoint applies the
     *                      scope to what it answers)
     */
    record Rule(HttpMethod method, String pattern, RequestMatcher matcher, Role role, boolean scopedReaders) {
    }
}
