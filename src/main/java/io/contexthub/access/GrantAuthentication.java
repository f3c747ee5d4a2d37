package io.contexthub.access;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** Spring Security's view of an authenticated {@link Grant}. */
final class GrantAuthentication extends AbstractAuthenticationToken {

    private final Grant grant;

    GrantAuthentication(Grant grant) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + grant.role().name())));
        this.grant = grant;
        setAuthenticated(true);
    }

    @Override
    public Grant getPrincipal() {
        return grant;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public String getName() {
        return grant.principal();
    }
}
