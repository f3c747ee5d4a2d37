package io.contexthub.access;

import io.contexthub.platform.Secret;
import io.contexthub.store.DocumentScope;
import io.contexthub.tenant.Tenants;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Bearer tokens the hub issues itself: the bootstrap token ({@code hub.api.token}, an admin, compared in constant
 * time) and API keys ({@link ApiKeys}). Any other token is left to the JWT provider when one is configured.
 */
public final class BearerAuthentication implements AuthenticationProvider {

    static final Grant BOOTSTRAP = new Grant("bootstrap", "the bootstrap token (hub.api.token)", Role.ADMIN,
            DocumentScope.ALL, Grant.UNLIMITED, Tenants.DEFAULT, true);

    private final Secret bootstrap;
    private final ApiKeys keys;

    public BearerAuthentication(Secret bootstrap, ApiKeys keys) {
        this.bootstrap = bootstrap;
        this.keys = keys;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String token = ((BearerTokenAuthenticationToken) authentication).getToken();
        if (bootstrap.matches(token)) {
            return new GrantAuthentication(BOOTSTRAP);
        }
        if (ApiKeys.looksLikeKey(token)) {
            return new GrantAuthentication(keys.authenticate(token));
        }
        return null;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
