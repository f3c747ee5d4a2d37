package io.contexthub.connection;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.contexthub.ContextHubApplication;
import io.contexthub.support.ConsoleBrowser;
import io.contexthub.support.HubClient;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Connecting sources: WireMock plays each provider's consent page (answering at once with a redirect back to the hub,
 * as after a person's "Allow"), its token endpoint and its API, and the hub's real clients talk to it. Front is
 * connected through the console's pages as a browser would (cookie, CSRF, state kept in the session, single use);
 * HubSpot and Salesforce (PKCE) through the API; Stripe and GA4 with keys checked with the provider first. After
 * each, the syncs run on the connected credentials, which are stored sealed and never answered back.
 */
class ConnectionsTest {

    static final String TOKEN = "connections-admin";
    static final Duration RUN = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();
    static WireMockServer provider;
    static ConfigurableApplicationContext hub;
    static Path data;
    static int port;

    @BeforeAll
    static void start() {
        provider = new WireMockServer(options().dynamicPort());
        provider.start();
        data = Path.of("target", "connections-" + UUID.randomUUID());
        String url = provider.baseUrl();
        hub = new SpringApplicationBuilder(ContextHubApplication.class).run(
                "--server.port=0",
                "--hub.data-dir=" + data,
                "--hub.api.token=" + TOKEN,
                "--hub.processing.batch.timeout-millis=50",
                "--hub.sync.retry.max-attempts=2",
                "--hub.sync.retry.initial-delay-millis=50",
                "--hub.sync.retry.max-delay-millis=200",
                "--hub.connectors.frontapp.base-url=" + url,
                "--hub.connectors.frontapp.oauth.client-id=front-app",
                "--hub.connectors.frontapp.oauth.client-secret=front-app-secret",
                "--hub.connectors.frontapp.oauth.authorize-url=" + url + "/front/oauth/authorize",
                "--hub.connectors.frontapp.oauth.token-url=" + url + "/front/oauth/token",
                "--hub.connectors.frontapp.requests-per-minute=6000",
                "--hub.connectors.frontapp.burst-per-second=100",
                "--hub.connectors.hubspot.base-url=" + url,
                "--hub.connectors.hubspot.oauth.client-id=hubspot-app",
                "--hub.connectors.hubspot.oauth.client-secret=hubspot-app-secret",
                "--hub.connectors.hubspot.oauth.authorize-url=" + url + "/hubspot/oauth/authorize",
                "--hub.connectors.hubspot.oauth.token-url=" + url + "/oauth/v3/token",
                "--hub.connectors.salesforce.client-id=sf-connected-app",
                "--hub.connectors.salesforce.client-secret=sf-connected-app-secret",
                "--hub.connectors.salesforce.login-url=" + url,
                "--hub.connectors.salesforce.requests-per-minute=6000",
                "--hub.connectors.stripe.base-url=" + url,
                "--hub.connectors.ga4.property-id=123456",
                "--hub.connectors.ga4.token-url=" + url + "/google/token",
                "--hub.connectors.ga4.reports.traffic.dimensions=country",
                "--hub.connectors.ga4.reports.traffic.metrics=activeUsers");
        port = Integer.parseInt(hub.getEnvironment().getProperty("local.server.port"));
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
        provider.stop();
    }

    @BeforeEach
    void freshStubs() {
        provider.resetAll();
    }

    HubClient api() {
        return new HubClient(port, TOKEN);
    }

    JsonNode connection(String connector) {
        for (JsonNode candidate : api().api("GET", "/api/connections").json().path("connections")) {
            if (candidate.path("connector").asText().equals(connector)) {
                return candidate;
            }
        }
        throw new AssertionError("no connection " + connector);
    }

    /** Every stored credential file of the hub, as text. */
    static String storedCredentials() throws Exception {
        try (Stream<Path> files = Files.walk(data)) {
            StringBuilder all = new StringBuilder();
            for (Path file : files.filter(f -> f.toString().endsWith(".credential")).toList()) {
                all.append(Files.readString(file)).append('\n');
            }
            return all.toString();
        }
    }

    static ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            query.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return query;
    }

    static String pathAndQuery(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** The provider's consent page after the person allowed: back to the redirect URI with a code and the state. */
    static HttpResponse<String> consent(ConsoleBrowser browser, URI authorizationUrl, String code) throws Exception {
        Map<String, String> asked = query(authorizationUrl);
        String back = asked.get("redirect_uri") + "?code=" + code + "&state="
                + URLEncoder.encode(asked.get("state"), StandardCharsets.UTF_8);
        return browser.get(pathAndQuery(back));
    }

    @Test
    void frontIsConnectedInTheConsoleThroughItsConsentPageAndTheSyncsUseTheConnection() throws Exception {
        ConsoleBrowser browser = new ConsoleBrowser(port);
        browser.login(TOKEN);
        String page = browser.get("/console/connections").body();
        assertThat(page).contains("data-connector=\"frontapp\"").contains("Connect")
                .as("the redirect URI to register with the apps").contains("http://localhost:" + port
                        + "/console/connections/callback");

        HttpResponse<String> going = browser.submit("/console/connections", "/console/connections/frontapp/connect",
                "");
        assertThat(going.statusCode()).isEqualTo(200);
        Matcher link = Pattern.compile("id=\"consent\" href=\"([^\"]+)\"").matcher(going.body());
        assertThat(link.find()).as("a link to Front's consent page").isTrue();
        URI authorizationUrl = URI.create(link.group(1).replace("&amp;", "&"));
        assertThat(authorizationUrl.toString()).startsWith(provider.baseUrl() + "/front/oauth/authorize?");
        Map<String, String> asked = query(authorizationUrl);
        assertThat(asked).containsEntry("response_type", "code").containsEntry("client_id", "front-app")
                .containsEntry("redirect_uri", "http://localhost:" + port + "/console/connections/callback")
                .containsKey("state").doesNotContainKey("code_challenge");
        assertThat(asked.get("state")).hasSizeGreaterThanOrEqualTo(43);

        provider.stubFor(post(urlPathEqualTo("/front/oauth/token"))
                .withRequestBody(containing("grant_type=authorization_code"))
                .willReturn(json("{\"access_token\":\"front-first-access\",\"refresh_token\":\"front-connected-refresh\","
                        + "\"expires_at\":4102444800,\"token_type\":\"Bearer\"}")));
        HttpResponse<String> back = consent(browser, authorizationUrl, "front-code-1");
        assertThat(back.statusCode()).isEqualTo(302);
        assertThat(back.headers().firstValue("Location").orElseThrow()).endsWith("/console/connections");
        assertThat(browser.get("/console/connections").body()).contains("frontapp is connected");
        provider.verify(1, postRequestedFor(urlPathEqualTo("/front/oauth/token"))
                .withHeader("Authorization", equalTo("Basic " + Base64.getEncoder().encodeToString(
                        "front-app:front-app-secret".getBytes(StandardCharsets.UTF_8))))
                .withRequestBody(equalTo("grant_type=authorization_code&code=front-code-1&redirect_uri="
                        + URLEncoder.encode("http://localhost:" + port + "/console/connections/callback",
                        StandardCharsets.UTF_8))));

        HttpResponse<String> replayed = consent(browser, authorizationUrl, "front-code-1");
        assertThat(browser.get("/console/connections").body()).contains("does not belong to a connection started");
        assertThat(replayed.statusCode()).isEqualTo(302);
        provider.verify(1, postRequestedFor(urlPathEqualTo("/front/oauth/token")));

        JsonNode front = connection("frontapp");
        assertThat(front.path("connected").asBoolean()).isTrue();
        assertThat(front.path("credentials").asText()).isEqualTo("connection");
        assertThat(front.toString()).doesNotContain("front-connected-refresh");
        assertThat(storedCredentials()).contains("v1:").doesNotContain("front-connected-refresh");

        provider.stubFor(post(urlPathEqualTo("/front/oauth/token")).withRequestBody(
                        equalTo("grant_type=refresh_token&refresh_token=front-connected-refresh"))
                .willReturn(json("{\"access_token\":\"front-synced-access\",\"expires_at\":4102444800}")));
        provider.stubFor(get(urlPathEqualTo("/contacts")).withHeader("Authorization",
                        equalTo("Bearer front-synced-access"))
                .willReturn(json("{\"_pagination\":{\"next\":null},\"_links\":{\"self\":\"x\"},\"_results\":[]}")));
        assertThat(api().syncAndAwait("frontapp", "contacts", "idle", RUN).path("lastError").isNull()).isTrue();
        provider.verify(getRequestedFor(urlPathEqualTo("/contacts")).withHeader("Authorization",
                equalTo("Bearer front-synced-access")));
    }

    @Test
    void aCallbackWithAStateThisSessionDidNotStartExchangesNothing() throws Exception {
        ConsoleBrowser browser = new ConsoleBrowser(port);
        browser.login(TOKEN);
        HttpResponse<String> forged = browser.get("/console/connections/callback?code=attacker-code&state=forged");
        assertThat(forged.statusCode()).isEqualTo(302);
        assertThat(browser.get("/console/connections").body()).contains("does not belong to a connection started");
        HttpResponse<String> denied = browser.get("/console/connections/callback?error=access_denied&state=x");
        assertThat(denied.statusCode()).isEqualTo(302);
        provider.verify(0, postRequestedFor(urlPathEqualTo("/front/oauth/token")));
        assertThat(browser.get("/console/connections/callback?code=c&state=forged").statusCode()).isEqualTo(302);

        ConsoleBrowser anonymous = new ConsoleBrowser(port);
        assertThat(anonymous.get("/console/connections/callback?code=c&state=s").headers().firstValue("Location")
                .orElseThrow()).as("the callback needs the session that started it").endsWith("/console/login");
    }

    @Test
    void salesforceIsConnectedWithPkceAndItsLoginUsesTheConnectedRefreshToken() throws Exception {
        String redirect = "https://hub.example.com/console/connections/callback";
        JsonNode started = api().api("POST", "/api/connections/salesforce/authorize",
                "{\"redirectUri\":\"" + redirect + "\"}").json();
        URI authorizationUrl = URI.create(started.path("authorizationUrl").asText());
        assertThat(authorizationUrl.getPath()).isEqualTo("/services/oauth2/authorize");
        String verifier = started.path("codeVerifier").asText();
        assertThat(verifier).hasSizeGreaterThanOrEqualTo(43);
        Map<String, String> asked = query(authorizationUrl);
        assertThat(asked).containsEntry("response_type", "code").containsEntry("client_id", "sf-connected-app")
                .containsEntry("redirect_uri", redirect).containsEntry("scope", "api refresh_token")
                .containsEntry("state", started.path("state").asText()).containsEntry("code_challenge_method", "S256")
                .containsEntry("code_challenge", Pkce.challenge(verifier));

        assertThat(api().api("POST", "/api/connections/salesforce/token", "{\"code\":\"sf-code\",\"redirectUri\":\""
                + redirect + "\"}").status()).as("the verifier is required").isEqualTo(400);

        String instance = provider.baseUrl();
        provider.stubFor(post(urlPathEqualTo("/services/oauth2/token"))
                .withRequestBody(containing("grant_type=authorization_code"))
                .withRequestBody(containing("code_verifier=" + verifier))
                .willReturn(json("{\"access_token\":\"00D!first\",\"refresh_token\":\"sf-connected-refresh\","
                        + "\"instance_url\":\"" + instance + "\",\"id\":\"" + instance
                        + "/id/00D000000000001/005000000000001\",\"token_type\":\"Bearer\",\"issued_at\":\"1700000000000\","
                        + "\"signature\":\"c2lnbmF0dXJl\"}")));
        HubClient.Reply connected = api().api("POST", "/api/connections/salesforce/token", "{\"code\":\"sf-code\","
                + "\"redirectUri\":\"" + redirect + "\",\"codeVerifier\":\"" + verifier + "\"}");
        assertThat(connected.status()).as(connected.body()).isEqualTo(200);
        assertThat(connected.json().path("hint").asText()).isEqualTo(instance);
        provider.verify(postRequestedFor(urlPathEqualTo("/services/oauth2/token")).withRequestBody(equalTo(
                "grant_type=authorization_code&code=sf-code&client_id=sf-connected-app&client_secret="
                        + "sf-connected-app-secret&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8)
                        + "&code_verifier=" + verifier)));

        provider.stubFor(post(urlPathEqualTo("/services/oauth2/token"))
                .withRequestBody(containing("grant_type=refresh_token"))
                .withRequestBody(containing("refresh_token=sf-connected-refresh"))
                .willReturn(json("{\"access_token\":\"00D!connected-session\",\"instance_url\":\"" + instance
                        + "\",\"id\":\"" + instance + "/id/00D000000000001/005000000000001\",\"token_type\":\"Bearer\","
                        + "\"issued_at\":\"1700000000000\",\"signature\":\"c2lnbmF0dXJl\"}")));
        provider.stubFor(get(urlPathEqualTo("/services/data/v59.0/queryAll/"))
                .withHeader("Authorization", equalTo("Bearer 00D!connected-session"))
                .willReturn(json("{\"totalSize\":0,\"done\":true,\"records\":[]}")
                        .withHeader("Sforce-Limit-Info", "api-usage=1/100000")));
        JsonNode run = api().syncAndAwait("salesforce", "accounts", "idle", RUN);
        assertThat(run.path("lastError").isNull()).as(run.toString()).isTrue();
        provider.verify(getRequestedFor(urlPathEqualTo("/services/data/v59.0/queryAll/"))
                .withHeader("Authorization", equalTo("Bearer 00D!connected-session")));
    }

    @Test
    void hubSpotIsConnectedThroughTheApiAndRefreshesWithTheConnectedToken() throws Exception {
        String redirect = "https://hub.example.com/console/connections/callback";
        JsonNode started = api().api("POST", "/api/connections/hubspot/authorize",
                "{\"redirectUri\":\"" + redirect + "\"}").json();
        Map<String, String> asked = query(URI.create(started.path("authorizationUrl").asText()));
        assertThat(asked).containsEntry("client_id", "hubspot-app").containsEntry("redirect_uri", redirect)
                .containsEntry("scope", "crm.objects.contacts.read crm.objects.companies.read crm.objects.deals.read")
                .containsEntry("state", started.path("state").asText());
        assertThat(started.has("codeVerifier")).isFalse();

        provider.stubFor(post(urlPathEqualTo("/oauth/v3/token")).withRequestBody(containing("code=refused-code"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"status\":\"BAD_AUTH_CODE\",\"message\":\"missing or unknown auth code\"}")));
        HubClient.Reply refused = api().api("POST", "/api/connections/hubspot/token",
                "{\"code\":\"refused-code\",\"redirectUri\":\"" + redirect + "\"}");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().path("detail").asText()).contains("BAD_AUTH_CODE");
        assertThat(connection("hubspot").path("connected").asBoolean()).isFalse();

        provider.stubFor(post(urlPathEqualTo("/oauth/v3/token")).withRequestBody(containing("code=hs-code"))
                .willReturn(json("{\"access_token\":\"hs-first\",\"refresh_token\":\"hs-connected-refresh\","
                        + "\"expires_in\":1800,\"token_type\":\"bearer\"}")));
        assertThat(api().api("POST", "/api/connections/hubspot/token",
                "{\"code\":\"hs-code\",\"redirectUri\":\"" + redirect + "\"}").status()).isEqualTo(200);
        provider.verify(postRequestedFor(urlPathEqualTo("/oauth/v3/token")).withRequestBody(equalTo(
                "grant_type=authorization_code&client_id=hubspot-app&client_secret=hubspot-app-secret&redirect_uri="
                        + URLEncoder.encode(redirect, StandardCharsets.UTF_8) + "&code=hs-code")));

        provider.stubFor(post(urlPathEqualTo("/oauth/v3/token")).withRequestBody(containing("grant_type=refresh_token"))
                .withRequestBody(containing("refresh_token=hs-connected-refresh"))
                .willReturn(json("{\"access_token\":\"hs-synced\",\"expires_in\":1800,\"token_type\":\"bearer\"}")));
        provider.stubFor(post(urlPathEqualTo("/crm/v3/objects/contacts/search"))
                .withHeader("Authorization", equalTo("Bearer hs-synced")).willReturn(json("{\"total\":0,\"results\":[]}")));
        JsonNode run = api().syncAndAwait("hubspot", "contacts", "idle", RUN);
        assertThat(run.path("lastError").isNull()).as(run.toString()).isTrue();
        provider.verify(postRequestedFor(urlPathEqualTo("/crm/v3/objects/contacts/search"))
                .withHeader("Authorization", equalTo("Bearer hs-synced")));
    }

    @Test
    void stripesKeyIsCheckedWithStripeStoredSealedNeverShownAndRemovable() throws Exception {
        assertThat(api().api("PUT", "/api/connections/stripe", "{\"apiKey\":\"pk_test_publishable1234\"}").json()
                .path("detail").asText()).contains("publishable key cannot read");
        provider.stubFor(get(urlPathEqualTo("/v1/customers")).withHeader("Authorization",
                        equalTo("Bearer sk_test_revoked0000"))
                .willReturn(aResponse().withStatus(401).withBody("{\"error\":{\"message\":\"Invalid API Key\"}}")));
        HubClient.Reply refused = api().api("PUT", "/api/connections/stripe", "{\"apiKey\":\"sk_test_revoked0000\"}");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().path("detail").asText()).contains("Invalid API Key");
        assertThat(connection("stripe").path("connected").asBoolean()).isFalse();

        String key = "sk_test_51ConnectedKeyAbCd";
        provider.stubFor(get(urlPathEqualTo("/v1/customers")).withHeader("Authorization", equalTo("Bearer " + key))
                .willReturn(json("{\"object\":\"list\",\"data\":[],\"has_more\":false,\"url\":\"/v1/customers\"}")));
        HubClient.Reply stored = api().api("PUT", "/api/connections/stripe", "{\"apiKey\":\"" + key + "\"}");
        assertThat(stored.status()).as(stored.body()).isEqualTo(200);
        assertThat(stored.json().path("hint").asText()).isEqualTo("sk_test_…AbCd");
        assertThat(stored.json().path("connectedBy").asText()).isNotBlank();
        assertThat(api().api("GET", "/api/connections").body()).doesNotContain(key);
        assertThat(storedCredentials()).doesNotContain(key);
        assertThat(api().api("GET", "/api/audit").body()).contains("connection.stored").doesNotContain(key);

        JsonNode run = api().syncAndAwait("stripe", "customers", "idle", RUN);
        assertThat(run.path("lastError").isNull()).as(run.toString()).isTrue();

        JsonNode removed = api().api("DELETE", "/api/connections/stripe").json();
        assertThat(removed.path("connected").asBoolean()).isFalse();
        assertThat(removed.path("credentials").asText()).isEqualTo("none");
        assertThat(api().api("POST", "/api/connectors/stripe/sync").status())
                .as("without the connection Stripe has no credentials again").isEqualTo(409);
    }

    @Test
    void aGa4ServiceAccountKeyIsTakenOnceGoogleIssuesATokenForIt() throws Exception {
        var keys = KeyPairGenerator.getInstance("RSA");
        keys.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                keys.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        var account = JSON.createObjectNode().put("type", "service_account")
                .put("client_email", "reports@hub-test.iam.gserviceaccount.com").put("private_key", pem);

        assertThat(api().api("PUT", "/api/connections/ga4", "{\"serviceAccountKey\":{\"type\":\"user\"}}").status())
                .isEqualTo(422);
        provider.stubFor(post(urlPathEqualTo("/google/token"))
                .withRequestBody(containing("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer"))
                .willReturn(json("{\"access_token\":\"ya29.connected\",\"expires_in\":3599,\"token_type\":\"Bearer\"}")));
        HubClient.Reply stored = api().api("PUT", "/api/connections/ga4",
                JSON.createObjectNode().put("serviceAccountKey", account.toString()).toString());
        assertThat(stored.status()).as(stored.body()).isEqualTo(200);
        assertThat(stored.json().path("hint").asText()).isEqualTo("reports@hub-test.iam.gserviceaccount.com");
        assertThat(storedCredentials()).doesNotContain("PRIVATE KEY");
        assertThat(api().api("GET", "/api/connections").body()).doesNotContain("PRIVATE KEY");
        assertThat(connection("ga4").path("credentials").asText()).isEqualTo("connection");
    }
}
