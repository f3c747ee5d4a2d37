package io.contexthub.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.contexthub.support.HubTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The hub on HTTPS only (server.ssl with a keystore the test makes with the JDK's keytool), as docs/security.md
 * describes: the API answers over TLS with Strict-Transport-Security, plain HTTP on the port gets nothing, and only
 * the configured browser origin passes a CORS preflight.
 */
@HubTest
@TestPropertySource(properties = {
        "hub.api.token=tls-hub-token",
        "hub.processing.auto-startup=false",
        "hub.access.cors-origins=https://console.example.test",
        "server.ssl.key-store-type=PKCS12",
        "server.ssl.key-store-password=" + TransportSecurityTest.PASSWORD,
        "server.ssl.key-alias=hub"})
class TransportSecurityTest {

    static final String PASSWORD = "test-keystore-password";
    static final Path KEYSTORE = Path.of("target", "tls-" + UUID.randomUUID(), "hub.p12");

    @DynamicPropertySource
    static void keystore(DynamicPropertyRegistry registry) throws Exception {
        Files.createDirectories(KEYSTORE.getParent());
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "hub", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", KEYSTORE.toString(), "-storepass", PASSWORD).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor()).as(output).isZero();
        registry.add("server.ssl.key-store", () -> KEYSTORE.toAbsolutePath().toString());
    }

    @LocalServerPort
    int port;

    HttpClient trusting() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(KEYSTORE)) {
            trusted.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
    }

    HttpResponse<String> send(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theApiAnswersOverTlsWithStrictTransportSecurity() throws Exception {
        HttpResponse<String> reply = send(trusting(), HttpRequest.newBuilder(
                URI.create("https://localhost:" + port + "/api/connectors"))
                .header("Authorization", "Bearer tls-hub-token").build());
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Strict-Transport-Security"))
                .hasValue("max-age=31536000 ; includeSubDomains");
        assertThat(reply.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(reply.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(reply.headers().firstValue("Cache-Control")).hasValueSatisfying(
                value -> assertThat(value).contains("no-store"));
    }

    @Test
    void plainHttpOnTheTlsPortGetsNoAnswer() throws InterruptedException {
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> reply = send(plain, HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/api/connectors")).timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer tls-hub-token").build());
            // at most Tomcat's own 400 for a plain request on a TLS port, never the API
            assertThat(reply.statusCode()).isEqualTo(400);
            assertThat(reply.body()).doesNotContain("connectors");
        } catch (IOException closed) {
            assertThat(closed).isNotNull(); // the connection was closed without an answer
        }
    }

    @Test
    void onlyTheConfiguredOriginPassesACorsPreflight() throws Exception {
        HttpClient client = trusting();
        HttpResponse<String> allowed = send(client, preflight("https://console.example.test"));
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue("https://console.example.test");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
                .contains("authorization");

        HttpResponse<String> refused = send(client, preflight("https://evil.example.test"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void theConsoleWorksOverTlsWithASecureCookieAndReachesTheApiOnTheHubsOwnCertificate() throws Exception {
        HttpClient browser = HttpClient.newBuilder().sslContext(trusting().sslContext())
                .cookieHandler(new java.net.CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> form = send(browser, HttpRequest.newBuilder(
                URI.create("https://localhost:" + port + "/console/login")).build());
        assertThat(form.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("HUB_CONSOLE=").contains("Secure").contains("HttpOnly").contains("SameSite=Lax"));
        var csrf = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.body());
        assertThat(csrf.find()).isTrue();
        HttpResponse<String> login = send(browser, HttpRequest.newBuilder(
                URI.create("https://localhost:" + port + "/console/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=tls-hub-token&_csrf="
                        + java.net.URLEncoder.encode(csrf.group(1), java.nio.charset.StandardCharsets.UTF_8))).build());
        assertThat(login.statusCode()).isEqualTo(302);

        // the overview's data comes from the API over loopback TLS, trusting exactly the hub's certificate
        HttpResponse<String> overview = send(browser, HttpRequest.newBuilder(
                URI.create("https://localhost:" + port + "/console")).build());
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.body()).contains("id=\"sources\"").doesNotContain("class=\"problem\"");
        assertThat(overview.headers().firstValue("Strict-Transport-Security")).isPresent();
    }

    HttpRequest preflight(String origin) {
        return HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/api/context/search?q=x"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", origin)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization").build();
    }
}
