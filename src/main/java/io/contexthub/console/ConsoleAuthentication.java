package io.contexthub.console;

import io.contexthub.access.Grant;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A console session's login: the grant the token carried and the token itself, kept only in the server's memory
 * (the session is never written anywhere; the browser holds only the session cookie), because every page asks the
 * hub's API with it — the console can do nothing its user's key may not.
 */
final class ConsoleAuthentication extends AbstractAuthenticationToken {

    private final Grant grant;
    private final transient String token;

    ConsoleAuthentication(Grant grant, String token) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + grant.role().name())));
        this.grant = grant;
        this.token = token;
        setAuthenticated(true);
    }

    @Override
    public Grant getPrincipal() {
        return grant;
    }

    /** Never handed out through Spring Security's credential accessors; the console's API client reads it. */
    @Override
    public Object getCredentials() {
        return null;
    }

    String token() {
        return token;
    }

    @Override
    public String getName() {
        return grant.principal();
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
