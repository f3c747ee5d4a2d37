package io.contexthub.cli;

import static io.contexthub.cli.ValidateCommandTest.hub;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.store.ContextStore;
import io.contexthub.support.Fixtures;
import io.contexthub.support.FrontEvents;
import io.contexthub.support.WebhookHubTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The commands that talk to a running hub, against a real one: {@code send} signs as each provider does and the
 * hub's verifiers accept it (and refuse a wrong secret), {@code dry-run} maps offline, {@code redrive} by filter and
 * {@code keys} through the API.
 */
@WebhookHubTest
class CliAgainstTheHubTest {

    static final Duration PROCESSING = Duration.ofSeconds(30);
    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    ContextStore store;
    @TempDir
    Path dir;

    String url() {
        return "http://localhost:" + port;
    }

    Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    ValidateCommandTest.Run send(String source, Path payload, String secret, String... more) {
        String[] args = new String[6 + more.length];
        System.arraycopy(new String[] {"send", source, payload.toString(), "--url", url(), "--secret=" + secret}, 0,
                args, 0, 6);
        System.arraycopy(more, 0, args, 6, more.length);
        return hub(args);
    }

    @Test
    void sendSignsAsEachProviderDoesAndTheHubAcceptsIt() throws Exception {
        Path front = file("front.json", new String(FrontEvents.inbound("evt_cli_1", "msg_cli_1",
                "Sent from the command line", null), StandardCharsets.UTF_8));
        Path stripe = file("stripe.json", Fixtures.load("stripe-customer-created.json").json().path("raw_body")
                .asText().replace("evt_1Pgc6pB7WZ01zgkWJ2hO1Vfa", "evt_cli_stripe"));
        Path hubspot = file("hubspot.json", Fixtures.load("hubspot-webhook.json").json().path("raw_body").asText()
                .replace("\"eventId\":1,", "\"eventId\":9001,").replace("\"eventId\":2,", "\"eventId\":9002,"));
        Path acme = file("acme.json", "{\"type\":\"subscription.renewed\",\"timestamp\":\"2026-12-02T06:00:00Z\","
                + "\"data\":{\"plan\":\"pro\",\"email\":\"cli@acme.io\"}}");

        var toFront = send("frontapp", front, "front_test_app_signing_key");
        var toStripe = send("stripe", stripe, WebhookHubTest.STRIPE_SECRET);
        var toHubSpot = send("hubspot", hubspot, WebhookHubTest.HUBSPOT_SECRET);
        var toAcme = send("acme", acme, WebhookHubTest.ACME_SECRET, "--id", "msg_cli_acme");

        assertThat(toFront.out()).startsWith("HTTP 202").contains("frontapp:evt_cli_1");
        assertThat(toStripe.out()).startsWith("HTTP 202").contains("stripe:evt_cli_stripe");
        assertThat(toHubSpot.out()).startsWith("HTTP 202").contains("hubspot:9001").contains("hubspot:9002");
        assertThat(toAcme.out()).startsWith("HTTP 202").contains("acme:msg_cli_acme");
        assertThat(toFront.code() + toStripe.code() + toHubSpot.code() + toAcme.code()).isZero();
        await().atMost(PROCESSING).until(() -> store.get("event", "event:frontapp:msg_cli_1").isPresent()
                && store.get("event", "event:acme:msg_cli_acme").isPresent());

        var forged = send("stripe", stripe, "whsec_not_the_secret");
        assertThat(forged.code()).isEqualTo(1);
        assertThat(forged.out()).startsWith("HTTP 401");
        var nobody = send("nosuchsender", acme, WebhookHubTest.ACME_SECRET);
        assertThat(nobody.out()).startsWith("HTTP 404");
        var noSecret = hub("send", "stripe", stripe.toString(), "--url", url());
        assertThat(noSecret.code()).isEqualTo(1);
        assertThat(noSecret.err()).contains("no secret: pass --secret or set HUB_WEBHOOKS_STRIPE_SECRET");
    }

    @Test
    void dryRunMapsAPayloadWithoutAHub() throws Exception {
        Path good = file("good.json", new String(FrontEvents.inbound("evt_cli_dry", "msg_cli_dry", "Only a dry run",
                null), StandardCharsets.UTF_8));
        Path bad = file("bad.json", new String(FrontEvents.inbound("evt_cli_dry2", "msg_cli_dry2", "Only a dry run",
                "dry@"), StandardCharsets.UTF_8));

        var passes = hub("dry-run", "frontapp", good.toString());
        var fails = hub("dry-run", "frontapp", bad.toString());

        assertThat(passes.code()).isZero();
        JsonNode report = JSON.readTree(passes.out());
        assertThat(report.path("wouldStore").asBoolean()).isTrue();
        assertThat(report.path("envelope").path("stream").asText()).as("the webhook stream by default")
                .isEqualTo("events");
        assertThat(report.findValuesAsText("id")).contains("event:frontapp:msg_cli_dry");
        assertThat(report.findValuesAsText("embeddingText")).anySatisfy(text -> assertThat(text)
                .contains("Only a dry run"));
        assertThat(fails.code()).isEqualTo(1);
        assertThat(JSON.readTree(fails.out()).path("failedAt").asText()).isEqualTo("validate");
        assertThat(store.get("event", "event:frontapp:msg_cli_dry")).as("nothing sent").isEmpty();
        var ambiguous = hub("dry-run", "salesforce", good.toString());
        assertThat(ambiguous.err()).contains("name the stream with --stream");
    }

    @Test
    void redriveByFilterAndKeysGoThroughTheApi() throws Exception {
        String since = Instant.now().minusMillis(1).toString();
        Path bad = file("bad.json", new String(FrontEvents.inbound("evt_cli_redrive", "msg_cli_redrive", "Redrive me",
                "redrive@"), StandardCharsets.UTF_8));
        assertThat(send("frontapp", bad, "front_test_app_signing_key").code()).isZero();
        String[] api = {"--url", url(), "--token", WebhookHubTest.TOKEN};
        await().atMost(PROCESSING).until(() -> hub(concat(new String[] {"redrive", "--list", "--source", "frontapp",
                "--since", since}, api)).out().contains("1 dead letters match"));

        var redriven = hub(concat(new String[] {"redrive", "--source", "frontapp", "--since", since}, api));
        assertThat(redriven.code()).isZero();
        assertThat(redriven.out()).contains("redriven: 1");
        var unfiltered = hub(concat(new String[] {"redrive"}, api));
        assertThat(unfiltered.code()).isEqualTo(1);
        assertThat(unfiltered.err()).contains("400 filter_required");

        var created = hub(concat(new String[] {"keys", "create", "--name", "cli agent", "--role", "reader",
            "--sources", "frontapp"}, api));
        assertThat(created.code()).isZero();
        JsonNode key = JSON.readTree(created.out());
        assertThat(key.path("token").asText()).startsWith("chk_");
        assertThat(hub(concat(new String[] {"keys", "list"}, api)).out()).contains(key.path("id").asText())
                .contains("cli agent");
        assertThat(hub(concat(new String[] {"keys", "revoke", key.path("id").asText()}, api)).out())
                .contains("revoked " + key.path("id").asText());
        var refused = hub("keys", "list", "--url", url(), "--token", key.path("token").asText());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("401 unauthorized").contains("revoked");
    }

    static String[] concat(String[] first, String[] second) {
        String[] all = new String[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
