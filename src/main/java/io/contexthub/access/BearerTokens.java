package io.contexthub.access;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;

/**
 * The token of {@code Authorization: Bearer <token>}: any characters after the scheme (a bootstrap token may hold
 * some that RFC 6750's token grammar does not), null when the header is missing, of another scheme, or empty.
 */
public final class BearerTokens implements BearerTokenResolver {

    private static final String BEARER = "Bearer ";

    @Override
    public String resolve(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String token = header.substring(BEARER.length()).trim();
        return token.isEmpty() ? null : token;
    }
}
