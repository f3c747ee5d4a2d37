package io.contexthub.api;

import io.contexthub.platform.ErrorBodies;
import io.contexthub.platform.Secret;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.web.filter.OncePerRequestFilter;

/** Requires {@code Authorization: Bearer <hub.api.token>} on {@code /api/**}, compared in constant time. */
public class ApiTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final byte[] token;

    public ApiTokenFilter(Secret token) {
        this.token = token.reveal().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            response.setHeader("WWW-Authenticate", "Bearer");
            ErrorBodies.write(response, 401, "unauthorized", "send Authorization: Bearer <hub.api.token>");
            return;
        }
        byte[] presented = header.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(token, presented)) {
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            ErrorBodies.write(response, 401, "unauthorized", "the bearer token is not valid");
            return;
        }
        chain.doFilter(request, response);
    }
}
