package io.contexthub.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.contexthub.support.ConsoleBrowser;
import io.contexthub.support.HubClient;
import io.contexthub.support.WebhookHubTest;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The console's login and session over real HTTP, as a browser sees them: the cookie's flags, CSRF on every form,
 * a new session id at login, the key checked again on every page (revoked: the session ends), the API's refusals
 * shown in its own words, and sign-out. The browser test (ConsoleBrowserIT) drives the pages themselves.
 */
@WebhookHubTest
class ConsoleSessionTest {


    @LocalServerPort
    int port;
    HubClient hub;

    @BeforeEach
    void client() {
        hub = new HubClient(port, WebhookHubTest.TOKEN);
    }

    /** A browser over HTTP on this hub. */
    final class Browser {
        final ConsoleBrowser console = new ConsoleBrowser(port);

        HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
            return console.get(path, headers);
        }

        HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
            return console.post(path, form);
        }

        String csrf(String path) throws IOException, InterruptedException {
            return console.csrf(path);
        }

        HttpResponse<String> login(String token) throws IOException, InterruptedException {
            return console.login(token);
        }

        String session() {
            return console.session();
        }
    }

    URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    @Test
    void aLoginWithTheBootstrapTokenOpensTheOverviewInAFreshSession() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> anonymous = browser.get("/console");
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location").orElseThrow()).endsWith("/console/login");

        HttpResponse<String> form = browser.get("/console/login");
        assertThat(form.statusCode()).isEqualTo(200);
        String cookie = form.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("HUB_CONSOLE="))
                .findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax").contains("Path=/console")
                .doesNotContain("Secure");
        String before = browser.session();

        assertThat(browser.post("/console/login", "token=" + WebhookHubTest.TOKEN).statusCode())
                .as("no CSRF token: refused").isEqualTo(403);
        HttpResponse<String> wrong = browser.login("not-the-token");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("That token was not accepted");

        HttpResponse<String> in = browser.login(WebhookHubTest.TOKEN);
        assertThat(in.statusCode()).isEqualTo(302);
        assertThat(in.headers().firstValue("Location").orElseThrow()).endsWith("/console");
        assertThat(browser.session()).as("a new session id at login").isNotEqualTo(before);

        HttpResponse<String> overview = browser.get("/console");
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.body()).contains("/webhooks/frontapp").contains("bootstrap token")
                .contains("documents");
        assertThat(overview.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'").contains("frame-ancestors 'none'");
        assertThat(overview.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        HttpResponse<String> fragment = browser.get("/console/overview/tables", "HX-Request", "true");
        assertThat(fragment.statusCode()).isEqualTo(200);
        assertThat(fragment.body()).contains("id=\"sources\"").doesNotContain("<html");
        assertThat(browser.get("/webjars/htmx.org/2.0.8/dist/htmx.min.js").statusCode()).isEqualTo(200);
        assertThat(browser.get("/console/assets/console.css").statusCode()).isEqualTo(200);

        HttpResponse<String> history = browser.get("/console/syncs/stripe/invoices");
        assertThat(history.statusCode()).isEqualTo(200);
        assertThat(history.body()).contains("stripe / invoices: runs").contains("No finished runs yet");
        assertThat(browser.get("/console/syncs/stripe/nope").body()).contains("404 unknown_stream");

        HttpResponse<String> out = browser.post("/console/logout", "_csrf=" + browser.csrf("/console"));
        assertThat(out.headers().firstValue("Location").orElseThrow()).endsWith("/console/login?signedOut");
        assertThat(browser.get("/console").statusCode()).isEqualTo(302);
    }

    @Test
    void aPastedPayloadIsDryRunAndAPasteThatIsNotJsonIsSaidToBe() throws Exception {
        Browser browser = new Browser();
        browser.login(WebhookHubTest.TOKEN);
        String payload = new String(io.contexthub.support.FrontEvents.inbound("evt_console_dry", "msg_console_dry",
                "Pasted into the console", null), StandardCharsets.UTF_8);

        HttpResponse<String> run = browser.post("/console/dry-run", "_csrf=" + browser.csrf("/console/dry-run")
                + "&source=frontapp&stream=events&payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8));

        assertThat(run.statusCode()).isEqualTo(200);
        assertThat(run.body()).contains("Would be stored").contains("event:frontapp:msg_console_dry")
                .contains("Pasted into the console");
        HttpResponse<String> broken = browser.post("/console/dry-run", "_csrf=" + browser.csrf("/console/dry-run")
                + "&source=frontapp&stream=events&payload=" + URLEncoder.encode("{not json", StandardCharsets.UTF_8));
        assertThat(broken.body()).contains("The payload is not JSON");
    }

    @Test
    void revokingTheKeyEndsItsConsoleSessionAtTheNextClick() throws Exception {
        JsonNode key = hub.api("POST", "/api/keys", "{\"name\": \"console operator\", \"owner\": \"ops\", "
                + "\"role\": \"operator\"}").json();
        Browser browser = new Browser();
        assertThat(browser.login(key.path("token").asText()).statusCode()).isEqualTo(302);
        assertThat(browser.get("/console").body()).contains("console operator (operator");

        assertThat(hub.api("DELETE", "/api/keys/" + key.path("id").asText()).status()).isBetween(200, 204);

        HttpResponse<String> after = browser.get("/console");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElseThrow()).endsWith("/console/login?ended");
        HttpResponse<String> refresh = browser.get("/console/overview/tables", "HX-Request", "true");
        assertThat(refresh.statusCode()).isEqualTo(401);
        assertThat(refresh.headers().firstValue("HX-Redirect")).hasValue("/console/login");
    }

    @Test
    void aPageShowsTheApisRefusalInItsOwnWords() throws Exception {
        JsonNode key = hub.api("POST", "/api/keys", "{\"name\": \"console reader\", \"owner\": \"ops\", "
                + "\"role\": \"reader\"}").json();
        Browser browser = new Browser();
        browser.login(key.path("token").asText());

        HttpResponse<String> letters = browser.get("/console/dead-letters");

        assertThat(letters.statusCode()).isEqualTo(200);
        assertThat(letters.body()).contains("403 forbidden").contains("needs the operator role");
        HttpResponse<String> unreadable = browser.get("/console/search?q=parcel&k=many");
        assertThat(unreadable.statusCode()).isEqualTo(400);
        assertThat(unreadable.body()).contains("The form&#39;s k could not be read");
        HttpResponse<String> missing = browser.get("/console/dead-letters/no-such-letter");
        assertThat(missing.statusCode()).isEqualTo(200);
        assertThat(missing.body()).contains("403 forbidden"); // a reader: the API refuses before looking
    }
}
