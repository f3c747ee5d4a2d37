package io.contexthub.access;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.contexthub.support.HubClient;
import io.contexthub.support.HubTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Bearer JWTs from an identity provider the test plays: its signing key published as a JWKS (WireMock), tokens
 * signed with it carrying a hub role (and a reader's scope) in claims; Spring Security's resource server checks
 * signature, issuer, audience and lifetime.
 */
@HubTest
@TestPropertySource(properties = {
        "hub.api.token=jwt-hub-token",
        "hub.processing.auto-startup=false",
        "hub.access.jwt.issuer=" + JwtAccessTest.ISSUER,
        "hub.access.jwt.audience=context-hub"})
class JwtAccessTest {

    static final String ISSUER = "https://id.example.test/realms/acme";
    static final RSAKey SIGNING = key("published");
    static final RSAKey UNPUBLISHED = key("unpublished");
    static final WireMockServer PROVIDER = new WireMockServer(options().dynamicPort());

    static {
        PROVIDER.start();
        PROVIDER.stubFor(get(urlPathEqualTo("/jwks.json")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(new JWKSet(SIGNING.toPublicJWK()).toString())));
    }

    @DynamicPropertySource
    static void jwks(DynamicPropertyRegistry registry) {
        registry.add("hub.access.jwt.jwk-set-uri", () -> PROVIDER.baseUrl() + "/jwks.json");
    }

    @AfterAll
    static void stop() {
        PROVIDER.stop();
    }

    @LocalServerPort
    int port;

    HubClient as(String token) {
        return new HubClient(port, token);
    }

    @Test
    void aReaderTokenSearchesButCannotOperate() {
        String reader = token(SIGNING, claims -> claims.claim("hub_role", "reader"));
        assertThat(as(reader).api("GET", "/api/context/search?q=anything").status()).isEqualTo(200);
        HubClient.Reply refused = as(reader).api("GET", "/api/dead-letters");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("detail").asText()).contains("needs the operator role")
                .contains("has reader");
    }

    @Test
    void aListOfRolesGivesTheHighest() {
        String operator = token(SIGNING, claims -> claims.claim("hub_role", List.of("reader", "operator")));
        assertThat(as(operator).api("GET", "/api/dead-letters").status()).isEqualTo(200);
        assertThat(as(operator).api("GET", "/api/audit").status()).isEqualTo(403);
    }

    @Test
    void aReadersScopeComesFromItsClaims() {
        String scoped = token(SIGNING, claims -> claims.claim("hub_role", "reader")
                .claim("hub_types", List.of("event")).claim("hub_sources", "frontapp"));
        HubClient.Reply outside = as(scoped).api("GET", "/api/context/search?q=x&type=invoice");
        assertThat(outside.status()).isEqualTo(403);
        assertThat(outside.json().path("error").asText()).isEqualTo("outside_scope");
        assertThat(as(scoped).api("GET", "/api/context/search?q=x&type=event").status()).isEqualTo(200);
        assertThat(as(scoped).api("GET", "/api/profiles/someone@example.com").status()).isEqualTo(403);
    }

    @Test
    void expiredForeignMisaddressedOrRolelessTokensAre401() {
        Map<String, String> refused = Map.of(
                "expired", token(SIGNING, claims -> claims.claim("hub_role", "admin")
                        .expirationTime(Date.from(Instant.now().minusSeconds(3600)))),
                "another issuer", token(SIGNING, claims -> claims.claim("hub_role", "admin")
                        .issuer("https://evil.example.test")),
                "another audience", token(SIGNING, claims -> claims.claim("hub_role", "admin")
                        .audience("another-service")),
                "an unpublished key", token(UNPUBLISHED, claims -> claims.claim("hub_role", "admin")),
                "no role", token(SIGNING, claims -> claims.claim("groups", List.of("staff"))));
        refused.forEach((why, token) -> {
            HubClient.Reply reply = as(token).api("GET", "/api/connectors");
            assertThat(reply.status()).as(why + ": " + reply.body()).isEqualTo(401);
            assertThat(reply.json().path("error").asText()).isEqualTo("unauthorized");
            assertThat(reply.response().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    value -> assertThat(value).startsWith("Bearer error=\"invalid_token\""));
        });
        assertThat(as(refused.get("no role")).api("GET", "/api/connectors").json().path("detail").asText())
                .contains("no hub role").contains("hub_role");
    }

    @Test
    void theBootstrapTokenAndApiKeysStillWorkBesideJwts() {
        assertThat(as("jwt-hub-token").api("GET", "/api/audit").status()).isEqualTo(200);
    }

    @Test
    void anUnreachableIdentityProviderIsA503NotA401() throws Exception {
        JwtGrants grants = new JwtGrants(new AccessProperties.Jwt(URI.create(ISSUER),
                URI.create("http://127.0.0.1:9/jwks.json"), null, "hub_role", "hub_sources", "hub_types", "hub_tenant"));
        String token = token(SIGNING, claims -> claims.claim("hub_role", "admin"));
        assertThatThrownBy(() -> grants.authenticate(new BearerTokenAuthenticationToken(token)))
                .isInstanceOfSatisfying(IdentityProviderUnavailableException.class, unavailable -> {
                    MockHttpServletResponse response = new MockHttpServletResponse();
                    try {
                        new AccessReplies(new SimpleMeterRegistry()).commence(new MockHttpServletRequest(), response,
                                unavailable);
                    } catch (java.io.IOException e) {
                        throw new AssertionError(e);
                    }
                    assertThat(response.getStatus()).isEqualTo(503);
                    assertThat(response.getHeader("Retry-After")).isEqualTo("30");
                });
    }

    static String token(RSAKey key, Consumer<JWTClaimsSet.Builder> claims) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issuer(ISSUER).subject("agent-7")
                .audience("context-hub").issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(600)));
        claims.accept(builder);
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    builder.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static RSAKey key(String id) {
        try {
            return new RSAKeyGenerator(2048).keyID(id).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
