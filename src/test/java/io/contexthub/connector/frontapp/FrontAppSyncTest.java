package io.contexthub.connector.frontapp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.contexthub.support.FrontApiStub.contact;
import static io.contexthub.support.FrontApiStub.event;
import static io.contexthub.support.FrontApiStub.firstPage;
import static io.contexthub.support.FrontApiStub.json;
import static io.contexthub.support.FrontApiStub.message;
import static io.contexthub.support.FrontApiStub.page;
import static io.contexthub.support.FrontApiStub.tokenEndpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.ContextHubApplication;
import io.contexthub.store.ContextStore;
import io.contexthub.support.FrontApiStub;
import io.contexthub.support.HubClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Front's syncs through the real client (camel-http) against Front's API served by WireMock from the documented
 * payloads: every page followed to a null next, nested pages of messages, OAuth tokens refreshed when Front
 * refuses one, a 429 storm waited out, a bad record dead-lettered while the rest is indexed, and a hub restarted
 * in the middle of a run resuming where it stopped.
 */
class FrontAppSyncTest {

    static final Duration RUN = Duration.ofSeconds(60);
    static FrontApiStub front;
    static ConfigurableApplicationContext hub;
    static Path data;

    static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(ContextHubApplication.class).run(
                "--server.port=0",
                "--hub.data-dir=" + dataDir,
                "--hub.api.token=sync-token",
                "--hub.processing.batch.timeout-millis=50",
                "--hub.connectors.frontapp.base-url=" + front.baseUrl(),
                "--hub.connectors.frontapp.oauth.client-id=front-client",
                "--hub.connectors.frontapp.oauth.client-secret=front-client-secret",
                "--hub.connectors.frontapp.oauth.refresh-token=refresh-1",
                "--hub.connectors.frontapp.oauth.token-url=" + front.baseUrl() + "/oauth/token",
                "--hub.connectors.frontapp.requests-per-minute=6000",
                "--hub.connectors.frontapp.burst-per-second=100",
                "--hub.connectors.frontapp.page-size=2",
                "--hub.sync.retry.max-attempts=3",
                "--hub.sync.retry.initial-delay-millis=50",
                "--hub.sync.retry.max-delay-millis=200");
    }

    @BeforeAll
    static void startFrontAndHub() {
        front = new FrontApiStub();
        data = Path.of("target", "front-sync-" + UUID.randomUUID());
        hub = start(data);
    }

    /** Each test brings its own API stubs; the token endpoint is always there. */
    @BeforeEach
    void freshStubs() {
        front.server().resetAll();
        // refresh-1 yields token-1 (which /events refuses, as if it had expired) and rotates the refresh token, as
        // Front's OAuth may; refresh-2 yields token-2.
        front.stub(tokenEndpoint().withRequestBody(containing("refresh_token=refresh-1"))
                .willReturn(json("{\"access_token\":\"token-1\",\"refresh_token\":\"refresh-2\","
                        + "\"expires_at\":4102444800,\"token_type\":\"Bearer\"}")));
        front.stub(tokenEndpoint().withRequestBody(containing("refresh_token=refresh-2"))
                .willReturn(json("{\"access_token\":\"token-2\",\"expires_at\":4102444800,\"token_type\":\"Bearer\"}")));
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
        front.close();
    }

    static HubClient client(ConfigurableApplicationContext context) {
        return new HubClient(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")),
                "sync-token");
    }

    static JsonNode stream(ConfigurableApplicationContext context, String name) {
        return client(context).stream("frontapp", name);
    }

    static void syncAndAwait(ConfigurableApplicationContext context, String name, String state) {
        client(context).syncAndAwait("frontapp", name, state, RUN);
    }

    @Test
    void theBackfillFollowsEveryPageOfConversationsAndMessagesAndDeadLettersOnlyTheBadRecord() throws IOException {
        front.stub(firstPage("/conversations").willReturn(json(front.fixtureBody("front-conversations-page1.json"))));
        front.stub(page("/conversations", "ce787da6f075740cf187d926f5e9f612bc7875763a8dd37d5")
                .willReturn(json(front.fixtureBody("front-conversations-page2.json"))));
        front.stub(firstPage("/conversations/cnv_yo1kg5q/messages").willReturn(json(front.list(List.of(
                message("msg_bf1", "Backfill: the prank plan, part one", 1694000001.5)),
                "/conversations/cnv_yo1kg5q/messages?limit=2&page_token=m2"))));
        front.stub(page("/conversations/cnv_yo1kg5q/messages", "m2").willReturn(json(front.list(List.of(
                message("msg_bf2", "Backfill: the prank plan, part two", 1694000002.5)), null))));
        ObjectNode broken = message("msg_bf3", "Backfill: a message from a broken address", 1694000003.5);
        ((ObjectNode) broken.path("recipients").get(0)).put("handle", "broken@");
        front.stub(firstPage("/conversations/cnv_yo1kg6r/messages").willReturn(json(front.list(List.of(
                message("msg_bf4", "Backfill: which invoice is INV-2041 about?", 1694000004.5), broken), null))));
        front.stub(firstPage("/conversations/cnv_yo1kg7s/messages").willReturn(json(front.list(List.of(
                message("msg_bf5", "Backfill: the renewal quote", 1694000005.5)), null))));

        syncAndAwait(hub, "conversations", "idle");

        JsonNode done = stream(hub, "conversations");
        assertThat(done.path("cursor").asText()).isEqualTo("backfilled");
        assertThat(done.path("recordsDone").asLong()).isEqualTo(5);
        ContextStore store = hub.getBean(ContextStore.class);
        await().atMost(RUN).until(() -> List.of("msg_bf1", "msg_bf2", "msg_bf4", "msg_bf5").stream()
                .allMatch(id -> store.get("event", "event:frontapp:" + id).isPresent()));
        assertThat(store.get("event", "event:frontapp:msg_bf4").orElseThrow().json())
                .contains("Invoice INV-2041 question").as("the conversation travels with its messages");
        await().atMost(RUN).until(() -> deadLettersMentioning("msg_bf3") == 1);
        front.server().verify(1, getRequestedFor(urlPathEqualTo("/conversations"))
                .withQueryParam("page_token", equalTo("ce787da6f075740cf187d926f5e9f612bc7875763a8dd37d5")));
        front.server().verify(1, getRequestedFor(urlPathEqualTo("/conversations/cnv_yo1kg5q/messages"))
                .withQueryParam("page_token", equalTo("m2")));

        int conversationCalls = front.server().findAll(getRequestedFor(urlPathEqualTo("/conversations"))).size();
        syncAndAwait(hub, "conversations", "idle");
        assertThat(front.server().findAll(getRequestedFor(urlPathEqualTo("/conversations"))))
                .as("a completed backfill is not repeated").hasSize(conversationCalls);
    }

    @Test
    void eventsRefreshAnExpiredTokenFollowShortPagesAndTheNextRunAsksOnlyForWhatIsNew() {
        front.stub(firstPage("/events").withHeader("Authorization", equalTo("Bearer token-1"))
                .willReturn(aResponse().withStatus(401).withBody("{\"_error\":{\"status\":401}}")));
        front.stub(firstPage("/events").withHeader("Authorization", equalTo("Bearer token-2"))
                .withQueryParam("q[after]", matching("[0-9.]+")).willReturn(json(front.list(List.of(
                        event("evt_sync1", "msg_ev1", "Events sync: where is my parcel?", 1795000001.25)),
                        "/events?limit=2&page_token=e2"))));
        front.stub(page("/events", "e2").willReturn(json(front.list(List.of(
                event("evt_sync2", "msg_ev2", "Events sync: the parcel arrived damaged", 1795000002.75),
                event("evt_sync3", "msg_ev3", "Events sync: please send a replacement", 1795000000.5)), null))));

        syncAndAwait(hub, "events", "idle");

        assertThat(stream(hub, "events").path("cursor").asText()).isEqualTo("1795000002.75");
        ContextStore store = hub.getBean(ContextStore.class);
        await().atMost(RUN).until(() -> List.of("msg_ev1", "msg_ev2", "msg_ev3").stream()
                .allMatch(id -> store.get("event", "event:frontapp:" + id).isPresent()));
        front.server().verify(1, postRequestedFor(urlPathEqualTo("/oauth/token"))
                .withHeader("Authorization", equalTo("Basic ZnJvbnQtY2xpZW50OmZyb250LWNsaWVudC1zZWNyZXQ="))
                .withRequestBody(containing("grant_type=refresh_token&refresh_token=refresh-2")));
        front.server().verify(getRequestedFor(urlPathEqualTo("/events"))
                .withHeader("Authorization", equalTo("Bearer token-1")));

        syncAndAwait(hub, "events", "idle");
        front.server().verify(getRequestedFor(urlPathEqualTo("/events"))
                .withQueryParam("q[after]", equalTo("1795000002.75")));
    }

    @Test
    void aStormOf429sIsWaitedOutAndTheContactsStillArrive() {
        for (int i = 0; i < 3; i++) {
            front.stub(firstPage("/contacts").inScenario("storm").whenScenarioStateIs(i == 0 ? STARTED : "429-" + i)
                    .willSetStateTo("429-" + (i + 1))
                    .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                            .withHeader("x-front-tier", "2")));
        }
        front.stub(firstPage("/contacts").inScenario("storm").whenScenarioStateIs("429-3").willReturn(json(front.list(
                List.of(contact("crd_sync1", "Dana Wholesale", "dana@wholesale.io", 1795000100.5),
                        contact("crd_sync2", "Eli Retail", "eli@retail.io", 1795000200.5)), null))));

        syncAndAwait(hub, "contacts", "idle");

        front.server().verify(4, getRequestedFor(urlPathEqualTo("/contacts")));
        assertThat(stream(hub, "contacts").path("cursor").asText()).isEqualTo("1795000200.5");
        ContextStore store = hub.getBean(ContextStore.class);
        await().atMost(RUN).until(() -> store.get("customer", "customer:frontapp:crd_sync2").isPresent());
        assertThat(store.get("customer", "customer:frontapp:crd_sync1").orElseThrow().json())
                .contains("dana@wholesale.io");
    }

    @Test
    void aHubRestartedInTheMiddleOfARunResumesFromItsCheckpointWithTheRotatedRefreshToken() throws IOException {
        Path restartData = Path.of("target", "front-restart-" + UUID.randomUUID());
        String path = "/contacts";
        front.stub(firstPage(path).inScenario("restart").whenScenarioStateIs(STARTED).willReturn(json(front.list(
                List.of(contact("crd_r1", "Rae First", "rae@first.io", 1795100001.5)), "/contacts?limit=2&page_token=r2"))));
        front.stub(page(path, "r2").inScenario("restart").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)));
        JsonNode failed;
        try (var first = start(restartData)) {
            syncAndAwait(first, "contacts", "failed");
            failed = stream(first, "contacts");
        }
        assertThat(failed.path("pendingCalls").asInt()).as("page 2 still to do").isEqualTo(1);
        assertThat(failed.path("lastError").asText()).contains("503");
        // refresh-1 was answered with refresh-2; Front now refuses refresh-1, and only the stored token helps
        Path sealed = restartData.resolve("checkpoints").resolve("frontapp.oauth-refresh-token.credential");
        assertThat(Files.readString(sealed)).startsWith("v1:").doesNotContain("refresh-2");
        front.stub(tokenEndpoint().withRequestBody(containing("refresh_token=refresh-1")).willReturn(aResponse()
                .withStatus(400).withHeader("Content-Type", "application/json").withBody("{\"error\":\"invalid_grant\"}")));

        front.stub(page(path, "r2").inScenario("restart").whenScenarioStateIs("healed").willReturn(json(front.list(
                List.of(contact("crd_r2", "Sam Second", "sam@second.io", 1795100002.5)), null))));
        front.server().setScenarioState("restart", "healed");
        int firstPageCalls = front.server().findAll(getRequestedFor(urlPathEqualTo(path))
                .withQueryParam("page_token", com.github.tomakehurst.wiremock.client.WireMock.absent())).size();
        try (var second = start(restartData)) {
            syncAndAwait(second, "contacts", "idle");
            assertThat(stream(second, "contacts").path("cursor").asText()).isEqualTo("1795100002.5");
            ContextStore store = second.getBean(ContextStore.class);
            await().atMost(RUN).until(() -> store.get("customer", "customer:frontapp:crd_r1").isPresent()
                    && store.get("customer", "customer:frontapp:crd_r2").isPresent());
        }
        assertThat(front.server().findAll(getRequestedFor(urlPathEqualTo(path))
                .withQueryParam("page_token", com.github.tomakehurst.wiremock.client.WireMock.absent())))
                .as("page 1 was not read again").hasSize(firstPageCalls);
        front.server().verify(1, postRequestedFor(urlPathEqualTo("/oauth/token"))
                .withRequestBody(containing("refresh_token=refresh-1")));
        front.server().verify(1, postRequestedFor(urlPathEqualTo("/oauth/token"))
                .withRequestBody(containing("refresh_token=refresh-2")));
    }

    static long deadLettersMentioning(String text) throws IOException {
        Path dir = data.resolve("deadletters");
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> {
                try {
                    return Files.readString(f).contains(text);
                } catch (IOException e) {
                    return false;
                }
            }).count();
        }
    }
}
