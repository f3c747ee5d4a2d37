package io.contexthub.connector.ga4;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.store.ContextStore;
import io.contexthub.support.Ga4Stub;
import io.contexthub.support.HubClient;
import io.contexthub.support.HubTest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * GA4 through the real client (camel-http) against the Data API served by WireMock from the documented runReport
 * answer: a service-account JWT exchanged for a token (checked against the account's public key), a refused token
 * replaced, offset paging to rowCount, a RESOURCE_EXHAUSTED answer waited out, and a day pulled again replacing its
 * documents.
 */
@HubTest
@TestPropertySource(properties = {
        "hub.api.token=ga4-token",
        "hub.processing.batch.timeout-millis=50",
        "hub.sync.retry.initial-delay-millis=50",
        "hub.sync.retry.max-delay-millis=200"})
class Ga4SyncTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Ga4Stub GOOGLE = new Ga4Stub();
    static final Path DATA = Path.of("target", "ga4-" + UUID.randomUUID());

    @DynamicPropertySource
    static void google(DynamicPropertyRegistry registry) {
        GOOGLE.settings(GOOGLE.writeServiceAccountKey(DATA)).forEach((key, value) -> registry.add(key, () -> value));
    }

    @AfterAll
    static void stopGoogle() {
        GOOGLE.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    ContextStore store;

    JsonNode runAndAwait() {
        return new HubClient(port, "ga4-token").syncAndAwait("ga4", "reports", "idle", Duration.ofSeconds(60));
    }

    @Test
    void reportsArePulledDayByDayPagedToRowCountAndAPulledAgainDayReplacesItsDocuments() throws Exception {
        // the first token Google hands out is refused by the Data API (as an expired one would be)
        GOOGLE.server().stubFor(post(urlPathEqualTo("/token")).inScenario("tokens").whenScenarioStateIs(STARTED)
                .willSetStateTo("second").willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"ya29.expired\",\"expires_in\":3599,\"token_type\":\"Bearer\"}")));
        GOOGLE.server().stubFor(post(urlPathEqualTo("/token")).inScenario("tokens").whenScenarioStateIs("second")
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"access_token\":\""
                        + Ga4Stub.ACCESS_TOKEN + "\",\"expires_in\":3599,\"token_type\":\"Bearer\"}")));
        GOOGLE.reports("123456789", "12");
        GOOGLE.server().stubFor(post(urlPathEqualTo(Ga4Stub.runReport("123456789")))
                .withHeader("Authorization", equalTo("Bearer ya29.expired"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":401,\"status\":\"UNAUTHENTICATED\"}}")));
        // the first call finds the hourly quota spent (added last, so it answers first while the scenario starts)
        GOOGLE.server().stubFor(post(urlPathEqualTo(Ga4Stub.runReport("123456789"))).inScenario("quota")
                .whenScenarioStateIs(STARTED).willSetStateTo("recovered")
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":429,\"status\":\"RESOURCE_EXHAUSTED\","
                                + "\"message\":\"Exhausted property tokens per hour\"}}")));

        JsonNode done = runAndAwait();

        assertThat(GOOGLE.server().getAllScenarios().getScenarios())
                .anySatisfy(scenario -> assertThat(scenario.getName() + " " + scenario.getState())
                        .as("the 429 was served").isEqualTo("quota recovered"));
        // with the first token: the call answered 429, its retry 401; then a new token
        GOOGLE.server().verify(2, postRequestedFor(urlPathEqualTo(Ga4Stub.runReport("123456789")))
                .withHeader("Authorization", equalTo("Bearer ya29.expired")));
        assertThat(GOOGLE.server().findAll(postRequestedFor(urlPathEqualTo("/token"))))
                .as("a new token after the refusal").hasSize(2);
        LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        LocalDate dayBefore = yesterday.minusDays(1);
        assertThat(done.path("cursor").asText()).isEqualTo(yesterday.toString());
        assertThat(done.path("total").asLong()).as("rowCount of each day, added up").isEqualTo(4);
        for (LocalDate day : new LocalDate[] {dayBefore, yesterday}) {
            for (String country : new String[] {"Japan", "France"}) {
                String id = "event:ga4:countries:" + day + ":" + country;
                await().atMost(Duration.ofSeconds(30)).until(() -> store.get("event", id).isPresent());
            }
        }
        assertThat(store.get("event", "event:ga4:countries:" + dayBefore + ":Japan").orElseThrow().json())
                .contains("\"activeUsers\":2541");

        var tokenRequest = GOOGLE.server().findAll(postRequestedFor(urlPathEqualTo("/token"))).get(0);
        String form = tokenRequest.getBodyAsString();
        assertThat(form).startsWith("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=");
        String jwt = URLDecoder.decode(form.substring(form.indexOf("assertion=") + 10), StandardCharsets.UTF_8);
        String[] parts = jwt.split("\\.");
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(GOOGLE.keys().getPublic());
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rs256.verify(Base64.getUrlDecoder().decode(parts[2]))).as("signed with the account's key").isTrue();
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(claims.path("iss").asText()).isEqualTo(Ga4Stub.EMAIL);
        assertThat(claims.path("scope").asText()).isEqualTo("https://www.googleapis.com/auth/analytics.readonly");
        assertThat(claims.path("aud").asText()).isEqualTo(GOOGLE.baseUrl() + "/token");
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(3600);

        // GA4 revises yesterday: France's count changes. The next run pulls yesterday again (refresh-days 1).
        GOOGLE.reports("123456789", "15");
        runAndAwait();
        String france = "event:ga4:countries:" + yesterday + ":France";
        await().atMost(Duration.ofSeconds(30)).until(() ->
                store.get("event", france).orElseThrow().json().contains("\"activeUsers\":15"));
        assertThat(store.get("event", "event:ga4:countries:" + dayBefore + ":France").orElseThrow().json())
                .as("the day before was not pulled again").contains("\"activeUsers\":12");
        assertThat(store.count("event")).as("replaced, not added").isEqualTo(4);
    }
}
