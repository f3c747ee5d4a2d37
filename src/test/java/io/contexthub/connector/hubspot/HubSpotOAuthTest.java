package io.contexthub.connector.hubspot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.contexthub.platform.PermanentFailureException;
import io.contexthub.platform.Secret;
import io.contexthub.support.NoConnections;
import io.contexthub.support.SaasStub;
import io.contexthub.support.TestClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A HubSpot OAuth app's access tokens through the real token client against WireMock: the refresh_token grant with
 * every parameter in the form, the token reused until five minutes before expires_in runs out, fetched again then
 * and after a refusal, and a refused refresh token reported with what to do.
 */
class HubSpotOAuthTest {

    static final WireMockServer HUBSPOT = SaasStub.server();
    static final String TOKEN = "/oauth/v3/token";

    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-04-10T12:00:00Z"));

    HubSpotApi api(String refreshToken) {
        var properties = new HubSpotSyncProperties(true, URI.create(HUBSPOT.baseUrl()), null,
                new HubSpotSyncProperties.OAuth("hub-client-id", Secret.valueOf("hub-client-secret"),
                        Secret.valueOf(refreshToken), URI.create(HUBSPOT.baseUrl() + TOKEN),
                        URI.create("https://app.hubspot.com/oauth/authorize"), "crm.objects.contacts.read"),
                110, 4, 200, Duration.ofMinutes(1), ZoneId.of("UTC"), Duration.ZERO, Map.of(), "USD", Map.of());
        return new HubSpotApi(properties, NoConnections.store(), NoConnections.vault(), new TestClock(now::get),
                new ObjectMapper());
    }

    static String token(String value) {
        return "{\"token_type\":\"bearer\",\"refresh_token\":\"hub-refresh\",\"access_token\":\"" + value
                + "\",\"expires_in\":1800}";
    }

    @Test
    void anAccessTokenIsRefreshedBeforeItExpiresAndAfterARefusal() {
        HUBSPOT.stubFor(post(urlPathEqualTo(TOKEN)).withRequestBody(containing("refresh_token=hub-refresh"))
                .inScenario("tokens").whenScenarioStateIs(STARTED).willSetStateTo("second")
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(token("CJT-first"))));
        HUBSPOT.stubFor(post(urlPathEqualTo(TOKEN)).withRequestBody(containing("refresh_token=hub-refresh"))
                .inScenario("tokens").whenScenarioStateIs("second").willSetStateTo("third")
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(token("CJT-second"))));
        HUBSPOT.stubFor(post(urlPathEqualTo(TOKEN)).withRequestBody(containing("refresh_token=hub-refresh"))
                .inScenario("tokens").whenScenarioStateIs("third")
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(token("CJT-third"))));
        HubSpotApi api = api("hub-refresh");

        assertThat(api.configured()).isTrue();
        assertThat(api.authorization()).isEqualTo("Bearer CJT-first");
        now.set(now.get().plus(Duration.ofMinutes(24)));
        assertThat(api.authorization()).as("still 6 minutes left").isEqualTo("Bearer CJT-first");
        now.set(now.get().plus(Duration.ofMinutes(2)));
        assertThat(api.authorization()).as("4 minutes left: refreshed").isEqualTo("Bearer CJT-second");
        api.tokenRejected();
        assertThat(api.authorization()).isEqualTo("Bearer CJT-third");

        HUBSPOT.verify(postRequestedFor(urlPathEqualTo(TOKEN))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withRequestBody(equalTo("grant_type=refresh_token&client_id=hub-client-id"
                        + "&client_secret=hub-client-secret&refresh_token=hub-refresh")));
        assertThat(api.mayCall(URI.create(HUBSPOT.baseUrl() + "/crm/v3/objects/deals/search"))).isTrue();
        assertThat(api.mayCall(URI.create("https://evil.example.net/crm/v3/objects/deals/search"))).isFalse();
    }

    @Test
    void aRefusedRefreshTokenSaysWhatToDo() {
        HUBSPOT.stubFor(post(urlPathEqualTo(TOKEN)).withRequestBody(containing("refresh_token=revoked"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"status\":\"BAD_REFRESH_TOKEN\",\"message\":\"missing or invalid refresh token\"}")));

        assertThatThrownBy(() -> api("revoked").authorization()).isInstanceOf(PermanentFailureException.class)
                .hasMessageContaining("BAD_REFRESH_TOKEN")
                .hasMessageContaining("hub.connectors.hubspot.oauth.refresh-token")
                .hasMessageNotContaining("hub-client-secret");
    }
}
