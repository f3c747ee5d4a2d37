package io.contexthub.artifact;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.contexthub.support.FrontEvents;
import io.contexthub.support.HubClient;
import io.contexthub.support.PackagedHub;
import io.contexthub.support.TestFiles;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real headless Chromium (Debian's, with its chromedriver, installed by build-config/chromium.sh)
 * against the packaged jar: a new user signs in, watches a webhook arrive on the overview, breaks a mapping on
 * purpose, finds the dead letters and tries the mappings on one (dry run), fixes the mapping, sees the dry run
 * pass, redrives exactly those letters by filter and finds their documents in search — no curl. And an operator
 * connects Front through its consent page (WireMock plays Front's authorize and token endpoints) and Stripe with a
 * key. It leaves screenshots of each page in target/console-screenshots (the ones in docs/images come from here).
 */
class ConsoleBrowserIT {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final Path SHOTS = Path.of("target", "console-screenshots");
    static final String BROKEN = "\"channel\": $count($message.recipients),";
    static final String ORIGINAL = "\"channel\": $message.type,";

    static Path assets;
    static PackagedHub hub;
    static WebDriver browser;
    static WireMockServer provider;

    @BeforeAll
    static void start() throws Exception {
        assets = Files.createTempDirectory(Path.of("target"), "console-assets-");
        for (String folder : new String[] {"routes", "mappings", "canonical-model", "connectors"}) {
            TestFiles.copyTree(Path.of(folder), assets.resolve(folder));
        }
        provider = new WireMockServer(options().dynamicPort().globalTemplating(true));
        provider.start();
        hub = PackagedHub.create("console", Map.of("HUB_WEBHOOKS_FRONTAPP_SECRET", FrontEvents.SECRET,
                "HUB_ASSETSDIR", assets.toString(), "HUB_CONSOLE_REFRESH", "1s",
                "HUB_CONNECTORS_FRONTAPP_OAUTH_CLIENTID", "front-console-app",
                "HUB_CONNECTORS_FRONTAPP_OAUTH_CLIENTSECRET", "front-console-secret",
                "HUB_CONNECTORS_FRONTAPP_OAUTH_AUTHORIZEURL", provider.baseUrl() + "/oauth/authorize",
                "HUB_CONNECTORS_FRONTAPP_OAUTH_TOKENURL", provider.baseUrl() + "/oauth/token",
                "HUB_CONNECTORS_STRIPE_BASEURL", provider.baseUrl()));
        hub.start();
        browser = chromium();
        Files.createDirectories(SHOTS);
    }

    /** Headless Chromium through the chromedriver the project's script installed. */
    static WebDriver chromium() throws IOException, InterruptedException {
        Process script = new ProcessBuilder("bash", "build-config/chromium.sh").redirectErrorStream(false).start();
        String driver = new String(script.getInputStream().readAllBytes()).trim();
        String errors = new String(script.getErrorStream().readAllBytes());
        assertThat(script.waitFor()).as("build-config/chromium.sh: " + errors).isZero();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(Path.of(driver).resolveSibling("chromium").toString());
        // --no-sandbox: the build runs as root in a container, where Chromium's sandbox cannot start
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1360,900",
                "--lang=en");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver))
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (hub != null) {
            hub.close();
        }
        if (provider != null) {
            provider.stop();
        }
    }

    /** Signs in with the bootstrap token unless this browser already is. */
    void signedIn() {
        open("/console");
        if (browser.getCurrentUrl().contains("/console/login")) {
            browser.findElement(By.id("token")).sendKeys(PackagedHub.API_TOKEN);
            browser.findElement(By.id("sign-in")).click();
            waiting().until(ExpectedConditions.textToBe(By.tagName("h1"), "Overview"));
        }
    }

    /** A wait that reads again when htmx swapped the element out from under it (the overview refreshes itself). */
    WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    void open(String path) {
        browser.get(hub.base() + path);
    }

    void shot(String name) throws IOException {
        Path taken = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(taken, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    String text(By by) {
        return waiting().until(driver -> driver.findElement(by).getText());
    }

    @Test
    void aNewUserWatchesAWebhookFixesAMappingRedrivesItsDeadLettersAndFindsTheDocuments() throws Exception {
        HubClient sender = hub.client();

        // signs in (a new user: no session from another test)
        open("/console/login");
        browser.manage().deleteAllCookies();
        open("/console");
        waiting().until(ExpectedConditions.urlContains("/console/login"));
        shot("console-login");
        browser.findElement(By.id("token")).sendKeys("not the token");
        browser.findElement(By.id("sign-in")).click();
        assertThat(text(By.id("login-error"))).contains("not accepted");
        browser.findElement(By.id("token")).sendKeys(PackagedHub.API_TOKEN);
        browser.findElement(By.id("sign-in")).click();
        waiting().until(ExpectedConditions.textToBe(By.tagName("h1"), "Overview"));
        assertThat(text(By.id("who"))).contains("bootstrap token").contains("admin");

        // watches a webhook arrive: the overview refreshes itself
        By frontLast = By.cssSelector("#sources tr[data-source='frontapp'] td.last");
        assertThat(text(frontLast)).isEqualTo("never");
        assertThat(sender.postFront(FrontEvents.SECRET, FrontEvents.inbound("evt_console_1", "msg_console_1",
                "Is my parcel on its way?", null)).status()).isEqualTo(202);
        waiting().until(driver -> text(frontLast).endsWith("ago"));
        waiting().until(driver -> Long.parseLong(documents("event")) >= 1);
        shot("console-overview");

        // breaks the mapping on purpose; two messages fail validation
        Path mapping = assets.resolve("mappings/frontapp/events-to-event.jsonata");
        String original = Files.readString(mapping);
        assertThat(original).contains(ORIGINAL);
        Files.writeString(mapping, original.replace(ORIGINAL, BROKEN));
        for (int i = 1; i <= 2; i++) {
            assertThat(sender.postFront(FrontEvents.SECRET, FrontEvents.inbound("evt_console_broken_" + i,
                    "msg_console_broken_" + i, "Broken mapping message number " + i, null)).status()).isEqualTo(202);
        }

        // sees the dead letters, filtered to the failure
        open("/console/dead-letters");
        browser.findElement(By.name("source")).sendKeys("frontapp");
        browser.findElement(By.name("stage")).sendKeys("validate");
        browser.findElement(By.id("apply")).click();
        waiting().until(driver -> {
            driver.navigate().refresh();
            return driver.findElements(By.id("count")).stream().anyMatch(c -> c.getText().startsWith("2 "));
        });
        shot("console-dead-letters");
        browser.findElement(By.cssSelector("#letters tbody tr a")).click();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("cause")));
        assertThat(text(By.id("cause"))).contains("/channel").contains("string");
        shot("console-dead-letter");
        String letterPage = browser.getCurrentUrl();

        // tries the mappings on it: still failing
        browser.findElement(By.id("dry-run-letter")).click();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("verdict")));
        assertThat(text(By.id("verdict"))).startsWith("Would be a dead letter at validate").contains("/channel");
        String dryRunOfLetter = browser.getCurrentUrl();

        // fixes the mapping; the dry run of the same letter now passes, so the fix is in effect
        Files.writeString(mapping, original);
        waiting().until(driver -> {
            driver.navigate().to(dryRunOfLetter);
            return text(By.id("verdict")).startsWith("Would be stored");
        });
        assertThat(browser.findElements(By.cssSelector("article.mapped pre.text"))).isNotEmpty();
        shot("console-dry-run");

        // bulk-redrives exactly those letters
        browser.navigate().to(letterPage);
        browser.findElement(By.linkText("← Dead letters")).click();
        browser.findElement(By.name("source")).sendKeys("frontapp");
        browser.findElement(By.name("stage")).sendKeys("validate");
        browser.findElement(By.id("apply")).click();
        waiting().until(ExpectedConditions.elementToBeClickable(By.id("redrive-all"))).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Redrove 2 dead letters"));
        shot("console-redriven");

        // and finds the documents
        open("/console/search");
        browser.findElement(By.id("q")).sendKeys("Broken mapping message");
        browser.findElement(By.id("search")).click();
        waiting().until(driver -> {
            driver.navigate().refresh();
            return driver.findElements(By.cssSelector("#hits li[data-id='event:frontapp:msg_console_broken_1']"))
                    .size() == 1 && driver.findElements(By.cssSelector(
                    "#hits li[data-id='event:frontapp:msg_console_broken_2']")).size() == 1;
        });
        WebElement hit = browser.findElement(By.cssSelector("#hits li[data-id='event:frontapp:msg_console_broken_1']"));
        assertThat(hit.getText()).contains("from frontapp / events").contains("signature verified");
        shot("console-search");

        open("/console/dead-letters?source=frontapp&stage=validate");
        assertThat(browser.findElements(By.id("none"))).as("no dead letters left").hasSize(1);

        open("/console/syncs");
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("syncs")));
        shot("console-syncs");
    }

    @Test
    void anOperatorConnectsFrontThroughItsConsentPageAndStripeWithAKey() throws Exception {
        // Front's consent page, as after signing in to Front: the app, and an Allow link back to the hub
        provider.stubFor(get(urlPathEqualTo("/oauth/authorize")).willReturn(aResponse()
                .withHeader("Content-Type", "text/html").withBody("<html><body><h1>Front</h1><p>Allow "
                        + "{{request.query.client_id}} to read your company's data?</p><a id=\"allow\" href=\""
                        + "{{request.query.redirect_uri}}?code=console-code&amp;state={{request.query.state}}\">"
                        + "Allow</a></body></html>")));
        provider.stubFor(post(urlPathEqualTo("/oauth/token")).withRequestBody(containing("code=console-code"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"access_token\":"
                        + "\"front-access\",\"refresh_token\":\"front-console-refresh\",\"expires_at\":4102444800}")));
        String stripeKey = "sk_test_51ConsoleKey9Zq";
        provider.stubFor(get(urlPathEqualTo("/v1/customers")).withHeader("Authorization",
                equalTo("Bearer " + stripeKey)).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"object\":\"list\",\"data\":[],\"has_more\":false}")));

        signedIn();
        open("/console/connections");
        By frontRow = By.cssSelector("#connections tr[data-connector='frontapp']");
        assertThat(text(frontRow)).contains("OAuth consent").contains("none");
        browser.findElement(By.cssSelector("#connections tr[data-connector='frontapp'] button.connect")).click();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("allow")));
        assertThat(browser.getCurrentUrl()).startsWith(provider.baseUrl() + "/oauth/authorize?response_type=code"
                + "&client_id=front-console-app");
        browser.findElement(By.id("allow")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "frontapp is connected"));
        assertThat(text(By.cssSelector("#connections tr[data-connector='frontapp'] td.credentials")))
                .isEqualTo("connection");
        provider.verify(1, postRequestedFor(urlPathEqualTo("/oauth/token"))
                .withRequestBody(containing("grant_type=authorization_code&code=console-code")));

        WebElement key = browser.findElement(By.cssSelector("#connections tr[data-connector='stripe'] input[name='apiKey']"));
        key.sendKeys(stripeKey);
        browser.findElement(By.cssSelector("#connections tr[data-connector='stripe'] button.connect")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "stripe is connected"));
        assertThat(text(By.cssSelector("#connections tr[data-connector='stripe']"))).contains("sk_test_…y9Zq")
                .contains("connection");
        assertThat(browser.getPageSource()).as("the key is never shown again").doesNotContain(stripeKey);
        shot("console-connections");
    }

    private String documents(String type) {
        return waiting().until(driver -> driver.findElements(By.cssSelector("#documents .card")).stream()
                .filter(card -> card.getText().contains(type + " documents"))
                .map(card -> card.findElement(By.className("count")).getText()).findFirst().orElse("0"));
    }
}
