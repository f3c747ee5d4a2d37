package io.contexthub.api;

import io.contexthub.access.AccessPolicy;
import io.contexthub.access.AccessProperties;
import io.contexthub.access.AccessReplies;
import io.contexthub.access.ApiKeys;
import io.contexthub.access.BearerTokens;
import io.contexthub.access.KeyQuotas;
import io.contexthub.access.QuotaFilter;
import io.contexthub.access.TokenAuthenticator;
import io.contexthub.platform.ErrorBodies;
import io.contexthub.tenant.TenantQuotas;
import io.contexthub.tenant.Tenants;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Who may call {@code /api/**} and {@code /mcp} (and {@code /actuator/prometheus} when protected): bearer API keys,
 * the bootstrap token and, when configured, JWTs, checked by Spring Security; what each may do is
 * {@link AccessPolicy}. Webhooks are outside this chain: their senders prove themselves by signature.
 */
@Configuration(proxyBeanMethods = false)
public class ApiConfiguration {

    /** How a bearer token is checked, for the API, MCP and the console alike. */
    @Bean
    public TokenAuthenticator tokenAuthenticator(ApiProperties api, AccessProperties access, ApiKeys keys) {
        return new TokenAuthenticator(api.token(), access, keys);
    }

    @Bean
    public SecurityFilterChain apiSecurity(HttpSecurity http, ApiProperties api, TokenAuthenticator tokens,
                                           AccessProperties access, KeyQuotas quotas, MeterRegistry meters,
                                           Tenants tenants, TenantQuotas tenantQuotas) throws Exception {
        List<String> paths = new ArrayList<>(List.of("/api/**", "/mcp", "/mcp/**"));
        if (api.protectMetrics()) {
            paths.add("/actuator/prometheus");
        }
        AccessReplies replies = new AccessReplies(meters);
        AuthenticationManager authentication = tokens.manager();
        return http.securityMatcher(paths.toArray(String[]::new))
                // bearer tokens only, no cookies: nothing for a forged cross-site request to ride on
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .cors(cors -> cors.configurationSource(cors(access)))
                .headers(headers -> headers.httpStrictTransportSecurity(hsts -> hsts
                        .maxAgeInSeconds(access.hstsMaxAge().toSeconds()).includeSubDomains(true)))
                .authorizeHttpRequests(requests -> requests.anyRequest().access(new AccessPolicy(tenants)))
                .oauth2ResourceServer(bearer -> bearer.authenticationManagerResolver(request -> authentication)
                        .bearerTokenResolver(new BearerTokens()).authenticationEntryPoint(replies)
                        .accessDeniedHandler(replies))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(replies).accessDeniedHandler(replies))
                .addFilterAfter(new QuotaFilter(quotas, tenantQuotas), AuthorizationFilter.class)
                .build();
    }

    /**
     * Spring Security's filter runs only on the paths its chains guard (the API, MCP, the console, and the actuator
     * for a protected {@code /actuator/prometheus}): webhooks, the hot path, are authenticated by their signatures and never pass
     * through it.
     */
    @Bean
    public static BeanPostProcessor securityFilterOnGuardedPathsOnly() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean instanceof DelegatingFilterProxyRegistrationBean registration) {
                    registration.setUrlPatterns(List.of("/api/*", "/mcp", "/mcp/*", "/actuator/*", "/console",
                            "/console/*"));
                }
                return bean;
            }
        };
    }

    /**
     * Ids may hold a slash, sent encoded as {@code %2F}, which Tomcat passes on undecoded (PathIds): the firewall
     * lets the encoded slash and the {@code %} it leaves in the path through; its other checks (encoded dots,
     * semicolons, backslashes, control characters) stay, and what it refuses is answered as JSON like every other
     * refusal.
     */
    @Bean
    public WebSecurityCustomizer firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowUrlEncodedSlash(true);
        firewall.setAllowUrlEncodedPercent(true);
        return web -> web.httpFirewall(firewall).requestRejectedHandler((request, response, rejected) ->
                ErrorBodies.write(response, 400, "invalid_request", "the request's URL is not accepted: "
                        + rejected.getMessage()));
    }

    private static UrlBasedCorsConfigurationSource cors(AccessProperties access) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!access.corsOrigins().isEmpty()) {
            CorsConfiguration allowed = new CorsConfiguration();
            allowed.setAllowedOrigins(access.corsOrigins());
            allowed.setAllowedMethods(List.of("GET", "POST", "DELETE"));
            allowed.setAllowedHeaders(List.of("Authorization", "Content-Type"));
            allowed.setMaxAge(3600L);
            source.registerCorsConfiguration("/**", allowed);
        }
        return source;
    }
}
