package io.contexthub.access;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Access control ({@code hub.access.*}, docs/security.md).
 *
 * @param keyLifetime how long a new API key lives when its creator names no expiry
 * @param requestsPerMinute how many API and MCP requests a caller (an API key, a JWT subject) may make per
 *                    minute unless its key says otherwise; beyond: 429 with Retry-After
 * @param jwt         bearer JWTs from an identity provider; without an issuer: only API keys and the bootstrap token
 * @param corsOrigins browser origins allowed to call the API (CORS); empty: none
 * @param hstsMaxAge  {@code Strict-Transport-Security} max-age sent on HTTPS answers of the API
 * @param keyRefresh  with several instances sharing their keys ({@code hub.store=opensearch}): how often each re-reads
 *                    them, so the longest a revocation or rotation made through another instance takes to apply here
 */
@Validated
@ConfigurationProperties("hub.access")
public record AccessProperties(
        @NotNull @DefaultValue("90d") Duration keyLifetime,
        @Positive @DefaultValue("600") int requestsPerMinute,
        @Valid @DefaultValue Jwt jwt,
        @DefaultValue("") List<String> corsOrigins,
        @NotNull @DefaultValue("365d") Duration hstsMaxAge,
        @NotNull @DefaultValue("5s") Duration keyRefresh) {

    @AssertTrue(message = "hub.access.key-refresh must be at least 100ms")
    public boolean isKeyRefreshSensible() {
        return keyRefresh == null || keyRefresh.toMillis() >= 100;
    }

    /**
     * Bearer JWTs ({@code hub.access.jwt.*}).
     *
     * @param issuer       the {@code iss} every token must carry
     * @param jwkSetUri    where the issuer publishes its signing keys (JWKS), fetched on first use and cached
     * @param audience     an {@code aud} every token must include; unset: not checked
     * @param roleClaim    the claim naming the hub role (admin, operator, writer, reader; a list takes the highest)
     * @param sourcesClaim the claim listing the sources a reader may see; absent: all
     * @param typesClaim   the claim listing the kinds of document a reader may see; absent: all
     * @param tenantClaim  the claim naming the tenant the token works in; absent: the default tenant; {@code *}: any
     *                     (admin tokens only), chosen per request with the {@code X-Hub-Tenant} header
     */
    public record Jwt(
            URI issuer,
            URI jwkSetUri,
            String audience,
            @NotBlank @DefaultValue("hub_role") String roleClaim,
            @NotBlank @DefaultValue("hub_sources") String sourcesClaim,
            @NotBlank @DefaultValue("hub_types") String typesClaim,
            @NotBlank @DefaultValue("hub_tenant") String tenantClaim) {

        /** JWTs are accepted once an issuer is named. */
        public boolean configured() {
            return issuer != null;
        }

        @AssertTrue(message = "hub.access.jwt.jwk-set-uri must be set with hub.access.jwt.issuer: the hub checks "
                + "signatures against the issuer's published keys")
        public boolean isComplete() {
            return issuer == null || jwkSetUri != null;
        }
    }
}
