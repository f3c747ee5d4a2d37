package io.contexthub.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console as a browser sees it over HTTP, without the browser: its own cookie jar, redirects not followed, the
 * CSRF token of a page's form read from the page. (ConsoleBrowserIT drives a real Chromium.)
 */
public final class ConsoleBrowser {

    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    public ConsoleBrowser(int port) {
        this.base = "http://localhost:" + port;
    }

    public HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The CSRF token of the form on a page, form-encoded. */
    public String csrf(String path) throws IOException, InterruptedException {
        Matcher token = CSRF.matcher(get(path).body());
        assertThat(token.find()).as("a CSRF token on " + path).isTrue();
        return URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
    }

    /** Posts a form with the CSRF token of {@code page}; {@code fields} already form-encoded. */
    public HttpResponse<String> submit(String page, String action, String fields)
            throws IOException, InterruptedException {
        return post(action, "_csrf=" + csrf(page) + (fields.isEmpty() ? "" : "&" + fields));
    }

    public HttpResponse<String> login(String token) throws IOException, InterruptedException {
        return submit("/console/login", "/console/login", "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    /** The session cookie's value, or null. */
    public String session() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("HUB_CONSOLE"))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }
}
