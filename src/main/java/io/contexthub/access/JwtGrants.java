package io.contexthub.access;

import io.contexthub.store.DocumentScope;
import io.contexthub.tenant.Tenants;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;

/**
 * Bearer JWTs from the configured identity provider: signature against its JWKS, {@code iss}, lifetime and (when
 * set) {@code aud} checked by Spring Security's resource server; the hub role and a reader's scope read from claims.
 */
public final class JwtGrants implements AuthenticationProvider {

    private final JwtAuthenticationProvider jwts;

    public JwtGrants(AccessProperties.Jwt settings) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(settings.jwkSetUri().toString()).build();
        OAuth2TokenValidator<Jwt> validator = JwtValidators.createDefaultWithIssuer(settings.issuer().toString());
        if (settings.audience() != null && !settings.audience().isBlank()) {
            validator = new DelegatingOAuth2TokenValidator<>(validator, new JwtClaimValidator<List<String>>("aud",
                    aud -> aud != null && aud.contains(settings.audience())));
        }
        decoder.setJwtValidator(validator);
        this.jwts = new JwtAuthenticationProvider(decoder);
        this.jwts.setJwtAuthenticationConverter(jwt -> new GrantAuthentication(grant(jwt, settings)));
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        try {
            return jwts.authenticate(authentication);
        } catch (AuthenticationServiceException unreachable) {
            throw new IdentityProviderUnavailableException("the identity provider's signing keys cannot be fetched "
                    + "now; retry later", unreachable);
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return jwts.supports(authentication);
    }

    static Grant grant(Jwt jwt, AccessProperties.Jwt settings) {
        Role role = highest(values(jwt.getClaim(settings.roleClaim())));
        if (role == null) {
            throw new BadCredentialsException("the token carries no hub role (admin, operator, writer or reader) in "
                    + "its claim " + settings.roleClaim());
        }
        DocumentScope scope = role == Role.READER
                ? new DocumentScope(values(jwt.getClaim(settings.typesClaim())),
                        values(jwt.getClaim(settings.sourcesClaim())))
                : DocumentScope.ALL;
        String subject = jwt.getSubject() == null ? "unknown" : jwt.getSubject();
        String tenant = jwt.getClaimAsString(settings.tenantClaim());
        boolean any = Tenants.ANY.equals(tenant);
        if (any && role != Role.ADMIN) {
            throw new BadCredentialsException("only an admin token may work in every tenant (" + settings.tenantClaim()
                    + ": \"" + Tenants.ANY + "\")");
        }
        return new Grant("jwt:" + subject, "the token of " + subject, role, scope, null, any ? null : tenant, any);
    }

    private static Role highest(Set<String> names) {
        Role best = null;
        for (Role role : Role.values()) {
            if (names.contains(role.id())) {
                best = role; // declared from least to most
            }
        }
        return best;
    }

    private static Set<String> values(Object claim) {
        Set<String> values = new HashSet<>();
        if (claim instanceof String text) {
            for (String part : text.split("[\\s,]+")) {
                if (!part.isBlank()) {
                    values.add(part);
                }
            }
        } else if (claim instanceof Collection<?> list) {
            list.forEach(item -> values.add(String.valueOf(item)));
        }
        return values;
    }
}
