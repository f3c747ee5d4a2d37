package io.contexthub.access;

import io.contexthub.store.DocumentScope;
import io.contexthub.tenant.Tenants;

/**
 * Who is calling and what they may see, once authenticated: an API key, the bootstrap token or a JWT.
 *
 * @param principal the key id ({@code key:<id>}), {@code bootstrap} or {@code jwt:<subject>}: what the audit trail
 *                  records as the actor
 * @param name      the key's or token's name, for messages
 * @param role      what it may do
 * @param scope     the documents it may read (only a reader's is ever narrower than everything)
 * @param requestsPerMinute its own request quota; null: {@code hub.access.requests-per-minute}; {@link #UNLIMITED}:
 *                          none
 * @param tenant    the tenant it works in: a key's own tenant; for a cross-tenant caller the one its request names
 *                  (header {@value #TENANT_HEADER}), the default tenant when it names none
 * @param crossTenant whether it may work in any tenant (the bootstrap token, admin keys made for every tenant)
 */
public record Grant(String principal, String name, Role role, DocumentScope scope, Integer requestsPerMinute,
                    String tenant, boolean crossTenant) {

    /** The request header a cross-tenant caller names the tenant it works in with. */
    public static final String TENANT_HEADER = "X-Hub-Tenant";

    /** The request attribute the authorization step leaves the grant in, for the routes and MCP tools. */
    public static final String ATTRIBUTE = Grant.class.getName();

    /** The bootstrap token's quota: none, so setups from before API keys keep working as they did. */
    public static final int UNLIMITED = 0;

    public Grant {
        scope = scope == null ? DocumentScope.ALL : scope;
        tenant = Tenants.orDefault(tenant);
    }

    /** A grant in the default tenant. */
    public Grant(String principal, String name, Role role, DocumentScope scope) {
        this(principal, name, role, scope, null, Tenants.DEFAULT, false);
    }

    /** The same grant, working in {@code tenant}. */
    public Grant in(String tenant) {
        return new Grant(principal, name, role, scope, requestsPerMinute, tenant, crossTenant);
    }

    public boolean scoped() {
        return !scope.unrestricted();
    }
}
