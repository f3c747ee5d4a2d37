package io.contexthub.console;

import io.contexthub.access.AccessProperties;
import io.contexthub.access.TokenAuthenticator;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may use {@code /console}: a person who logged in with a token the API accepts (an API key, the bootstrap
 * token, a JWT). The login lives in a server-side session whose cookie is HttpOnly, SameSite=Lax, limited to
 * {@code /console} and Secure over TLS (application.yaml); every form carries a CSRF token; pages may run only the
 * console's own scripts (Content-Security-Policy). The token is checked again on every request, so revoking a key
 * ends its console sessions at their next click.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsoleProperties.class)
public class ConsoleSecurity {

    static final String LOGIN = "/console/login";
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'";

    @Bean
    public SecurityFilterChain consoleChain(HttpSecurity http, TokenAuthenticator tokens, AccessProperties access)
            throws Exception {
        return http.securityMatcher("/console", "/console/**")
                .securityContext(context -> context.securityContextRepository(
                        new HttpSessionSecurityContextRepository()))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED)
                        .sessionFixation(fixation -> fixation.changeSessionId()))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(LOGIN, "/console/assets/**").permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(errors -> errors.authenticationEntryPoint(toLogin()))
                .logout(logout -> logout.logoutUrl("/console/logout").logoutSuccessUrl(LOGIN + "?signedOut")
                        .invalidateHttpSession(true).deleteCookies("HUB_CONSOLE"))
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                        .httpStrictTransportSecurity(hsts -> hsts.maxAgeInSeconds(access.hstsMaxAge().toSeconds())
                                .includeSubDomains(true)))
                .addFilterAfter(new StillValid(tokens), SecurityContextHolderFilter.class)
                .build();
    }

    /** A page goes to the login form; an htmx refresh asks the browser to go there (a redirect would be swapped). */
    private static AuthenticationEntryPoint toLogin() {
        return (request, response, failure) -> {
            String target = request.getContextPath() + LOGIN
                    + (request.getAttribute(StillValid.ENDED) != null ? "?ended" : "");
            if ("true".equals(request.getHeader("HX-Request"))) {
                response.setHeader("HX-Redirect", target);
                response.setStatus(401);
                return;
            }
            response.sendRedirect(target);
        };
    }

    /** Checks the session's token again; a revoked or expired one ends the session. */
    static final class StillValid extends OncePerRequestFilter {

        static final String ENDED = StillValid.class.getName() + ".ended";
        private final TokenAuthenticator tokens;

        StillValid(TokenAuthenticator tokens) {
            this.tokens = tokens;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (SecurityContextHolder.getContext().getAuthentication() instanceof ConsoleAuthentication login) {
                try {
                    tokens.authenticate(login.token());
                } catch (AuthenticationException e) {
                    if (!TokenAuthenticator.unavailable(e)) {
                        SecurityContextHolder.clearContext();
                        HttpSession session = request.getSession(false);
                        if (session != null) {
                            session.invalidate();
                        }
                        request.setAttribute(ENDED, e.getMessage());
                    }
                }
            }
            chain.doFilter(request, response);
        }
    }
}
