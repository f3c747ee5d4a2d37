package io.contexthub.access;

import io.contexthub.store.DocumentScope;

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
 */
public record Grant(String principal, String name, Role role, DocumentScope scope, Integer requestsPerMinute) {

    /** The request attribute the authorization step leaves the grant in, for the routes and MCP tools. */
    public static final String ATTRIBUTE = Grant.class.getName();

    /** The bootstrap token's quota: none, so setups from before API keys keep working as they did. */
    public static final int UNLIMITED = 0;

    public Grant {
        scope = scope == null ? DocumentScope.ALL : scope;
    }

    public Grant(String principal, String name, Role role, DocumentScope scope) {
        this(principal, name, role, scope, null);
    }

    public boolean scoped() {
        return !scope.unrestricted();
    }
}
