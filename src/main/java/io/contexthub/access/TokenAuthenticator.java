package io.contexthub.access;

import io.contexthub.platform.Secret;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Checks a bearer token — the bootstrap token, an API key or, when configured, a JWT — the one way every entrance
 * does: the API and MCP per request, the console at login and again on every page (so a revoked key ends its
 * console sessions at once).
 */
public final class TokenAuthenticator {

    private final AuthenticationManager manager;

    public TokenAuthenticator(Secret bootstrap, AccessProperties access, ApiKeys keys) {
        List<AuthenticationProvider> providers = new ArrayList<>();
        providers.add(new BearerAuthentication(bootstrap, keys));
        if (access.jwt().configured()) {
            providers.add(new JwtGrants(access.jwt()));
        }
        this.manager = new ProviderManager(providers);
    }

    /** Spring Security's view, for the API's resource-server chain. */
    public AuthenticationManager manager() {
        return manager;
    }

    /**
     * The grant the token carries.
     *
     * @throws AuthenticationException with the reason, when the token is not (or no longer) valid, or
     *     {@link #unavailable} when the hub cannot tell now
     */
    public Grant authenticate(String token) {
        Authentication authenticated = manager.authenticate(new BearerTokenAuthenticationToken(token));
        return ((GrantAuthentication) authenticated).getPrincipal();
    }

    /** True when the failure means the hub could not check the token now (not that the token is wrong). */
    public static boolean unavailable(AuthenticationException failure) {
        return failure instanceof IdentityProviderUnavailableException;
    }
}
