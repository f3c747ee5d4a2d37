package io.contexthub.connector.hubspot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.contexthub.store.ContextStore;
import io.contexthub.support.CrmStubs;
import io.contexthub.support.Fixtures;
import io.contexthub.support.HubClient;
import io.contexthub.support.HubSpotSigner;
import io.contexthub.support.SaasStub;
import io.contexthub.support.SyncHubTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * HubSpot's CRM search through the real client (camel-http) against WireMock serving the documented search pages:
 * the private app's token, the request body, paging with after until paging is absent, a ten-second-limit 429
 * waited out, merged contacts, the cursor and the overlap of the next run, and companies joined to their people.
 * The first run is started by a contact webhook, as HubSpot's webhooks only name the record that changed.
 */
@SyncHubTest
class HubSpotSyncTest {

    static final String APP_SECRET = SyncHubTest.HUBSPOT_APP_SECRET;
    static final ObjectMapper JSON = new ObjectMapper();
    static final WireMockServer HUBSPOT = SaasStub.server();
    static final String CONTACTS = "/crm/v3/objects/contacts/search";
    static final String COMPANIES = "/crm/v3/objects/companies/search";
    static final String DEALS = CrmStubs.DEALS_SEARCH;

    @LocalServerPort
    int port;
    @Autowired
    ContextStore store;

    HubClient hub() {
        return new HubClient(port, SyncHubTest.TOKEN);
    }

    JsonNode document(String id) throws Exception {
        return JSON.readTree(store.get("customer", id).orElseThrow().json());
    }

    static String page(String fixture) {
        return Fixtures.load(fixture).json().at("/response/body").toString();
    }

    /** HubSpot's webhook for a new contact: an id and nothing else. */
    void contactCreatedByWebhook(long contactId, long occurredAt) {
        String body = "[{\"eventId\":7001,\"subscriptionId\":12345,\"portalId\":62515,\"occurredAt\":" + occurredAt
                + ",\"subscriptionType\":\"contact.creation\",\"attemptNumber\":0,\"objectId\":" + contactId
                + ",\"changeSource\":\"CRM\",\"changeFlag\":\"NEW\",\"appId\":54321}]";
        long now = System.currentTimeMillis();
        String url = "http://localhost:" + port + "/webhooks/hubspot";
        var reply = hub().post("/webhooks/hubspot", Map.of("content-type", "application/json",
                "X-HubSpot-Signature-v3", HubSpotSigner.v3(APP_SECRET, "POST", url, body, now),
                "X-HubSpot-Request-Timestamp", Long.toString(now)), body.getBytes(StandardCharsets.UTF_8));
        assertThat(reply.status()).isEqualTo(202);
    }

    @Test
    void contactsAndCompaniesBecomeCompleteCustomersPageByPage() throws Exception {
        HUBSPOT.stubFor(post(urlPathEqualTo(CONTACTS)).withRequestBody(matchingJsonPath("$.after", equalTo("0")))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(page("hubspot-crm-contacts-search-page1.json"))));
        // the second page first meets the app's ten-second limit
        JsonNode limited = Fixtures.load("hubspot-crm-429.json").json().at("/response");
        HUBSPOT.stubFor(post(urlPathEqualTo(CONTACTS)).withRequestBody(matchingJsonPath("$.after", equalTo("2")))
                .inScenario("limit").whenScenarioStateIs(STARTED).willSetStateTo("window passed")
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withHeader(HubSpotApi.INTERVAL, "300").withBody(limited.path("body").toString())));
        // the last page also carries a result without an id (invented): a dead letter, the rest indexed
        ObjectNode page2 = (ObjectNode) JSON.readTree(page("hubspot-crm-contacts-search-page2.json"));
        page2.withArray("results").addObject().put("archived", false).putObject("properties")
                .put("email", "no.id@example.net").put("lastmodifieddate", "2026-04-08T14:00:00.000Z");
        HUBSPOT.stubFor(post(urlPathEqualTo(CONTACTS)).withRequestBody(matchingJsonPath("$.after", equalTo("2")))
                .inScenario("limit").whenScenarioStateIs("window passed")
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(page2.toString())));

        // a webhook names a new contact (an id, nothing else): a second later the contacts stream runs and reads it
        contactCreatedByWebhook(60312, Instant.parse("2026-04-06T09:20:03.552Z").toEpochMilli());
        await().atMost(Duration.ofSeconds(60)).until(() -> "1775657395271".equals(hub().stream("hubspot", "contacts")
                .path("cursor").asText()) && "idle".equals(hub().stream("hubspot", "contacts").path("state").asText()));
        JsonNode stream = hub().stream("hubspot", "contacts");

        assertThat(stream.path("cursor").asText()).as("Priya's lastmodifieddate").isEqualTo("1775657395271");
        assertThat(stream.path("total").asLong()).isEqualTo(3);
        assertThat(stream.path("every").asText()).isEqualTo("PT15M");
        HUBSPOT.verify(3, postRequestedFor(urlPathEqualTo(CONTACTS))
                .withHeader("Authorization", equalTo("Bearer " + SyncHubTest.HUBSPOT_TOKEN))
                .withRequestBody(matchingJsonPath("$.filterGroups[0].filters[0].value", equalTo("0")))
                .withRequestBody(matchingJsonPath("$.sorts[0].propertyName", equalTo("lastmodifieddate"))));
        await().atMost(Duration.ofSeconds(30)).until(() -> store.get("customer", "customer:hubspot:contacts/60313")
                .isPresent());
        // the fetch completed the webhook's Customer: one document, the newer version
        await().atMost(Duration.ofSeconds(30)).until(() -> document("customer:hubspot:contacts/60312").has("name"));
        assertThat(document("customer:hubspot:contacts/60312").path("name").asText()).isEqualTo("Marcus Chen");
        assertThat(store.get("event", "event:hubspot:7001")).as("the webhook's own Event stays").isPresent();
        JsonNode jenny = document("customer:hubspot:contacts/60311");
        assertThat(jenny.path("name").asText()).isEqualTo("Jenny Rosen");
        assertThat(jenny.path("emails").get(0).asText()).isEqualTo("jenny.rosen@example.com");
        assertThat(jenny.path("attributes").path("title").asText()).isEqualTo("VP Operations");
        await().atMost(Duration.ofSeconds(30)).until(() -> store.get("customer", "customer:hubspot:contacts/60290")
                .isPresent());
        assertThat(document("customer:hubspot:contacts/60290").path("deleted").asBoolean()).as("merged away")
                .isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> hub().api("GET", "/api/dead-letters?limit=500").json()
                .path("deadLetters").findValuesAsText("idempotencyKey").contains("hubspot:contacts:?:1775656800000"));

        // the next run starts a minute before the cursor, and what it reads again is recognised
        hub().syncAndAwait("hubspot", "contacts", "idle", Duration.ofSeconds(60));
        HUBSPOT.verify(postRequestedFor(urlPathEqualTo(CONTACTS))
                .withRequestBody(matchingJsonPath("$.filterGroups[0].filters[0].value",
                        equalTo(Long.toString(1775657395271L - 60_000)))));

        ObjectNode companies = (ObjectNode) JSON.readTree(page("hubspot-crm-companies-list.json"));
        companies.remove("paging");
        companies.put("total", 2);
        HUBSPOT.stubFor(post(urlPathEqualTo(COMPANIES)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(companies.toString())));
        hub().syncAndAwait("hubspot", "companies", "idle", Duration.ofSeconds(60));
        HUBSPOT.verify(postRequestedFor(urlPathEqualTo(COMPANIES))
                .withRequestBody(matchingJsonPath("$.sorts[0].propertyName", equalTo("hs_lastmodifieddate"))));
        await().atMost(Duration.ofSeconds(30)).until(() -> store.get("customer",
                "customer:hubspot:companies/9837456120").isPresent());
        assertThat(document("customer:hubspot:companies/9837456120").path("company").path("domain").asText())
                .isEqualTo("example.net");
        // notes: ids from the search, their associations, then the notes themselves — staged as timeline Events
        HUBSPOT.stubFor(post(urlPathEqualTo("/crm/v3/objects/notes/search")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("{\"total\":2,\"results\":["
                        + "{\"id\":\"48220194410\",\"properties\":{\"hs_lastmodifieddate\":\"2026-04-07T15:41:12.309Z\"}},"
                        + "{\"id\":\"48220194477\",\"properties\":{\"hs_lastmodifieddate\":\"2026-04-08T14:07:30.114Z\"}}]}")));
        HUBSPOT.stubFor(post(urlPathEqualTo("/crm/v4/associations/notes/contacts/batch/read")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("{\"status\":\"COMPLETE\",\"results\":["
                        + "{\"from\":{\"id\":\"48220194410\"},\"to\":[{\"toObjectId\":60311,\"associationTypes\":[]},"
                        + "{\"toObjectId\":60312,\"associationTypes\":[]}]},"
                        + "{\"from\":{\"id\":\"48220194477\"},\"to\":[{\"toObjectId\":60313,\"associationTypes\":[]}]}]}")));
        HUBSPOT.stubFor(post(urlPathEqualTo("/crm/v4/associations/notes/companies/batch/read")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("{\"status\":\"COMPLETE\",\"results\":["
                        + "{\"from\":{\"id\":\"48220194410\"},\"to\":[{\"toObjectId\":9837456120}]}]}")));
        HUBSPOT.stubFor(post(urlPathEqualTo("/crm/v4/associations/notes/deals/batch/read")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("{\"status\":\"COMPLETE\",\"results\":[]}")));
        ObjectNode notes = (ObjectNode) JSON.readTree(page("hubspot-crm-notes-list.json"));
        notes.withArray("results").forEach(note -> ((ObjectNode) note).remove("associations"));
        notes.put("status", "COMPLETE");
        HUBSPOT.stubFor(post(urlPathEqualTo("/crm/v3/objects/notes/batch/read")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(notes.toString())));
        hub().syncAndAwait("hubspot", "notes", "idle", Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(30)).until(() -> store.get("event", "event:hubspot:notes/48220194410")
                .isPresent());
        JsonNode kickOff = JSON.readTree(store.get("event", "event:hubspot:notes/48220194410").orElseThrow().json());
        assertThat(kickOff.path("eventType").asText()).isEqualTo("activity.note");
        assertThat(kickOff.path("customer").path("id").asText()).isEqualTo("customer:hubspot:contacts/60311");
        assertThat(kickOff.path("text").asText()).startsWith("Kick-off with Jenny Rosen").doesNotContain("<p>");
        assertThat(kickOff.path("properties").path("contactIds").asText()).isEqualTo("60311,60312");
        // Jenny's context now has the note on her timeline
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(hub()
                .api("GET", "/api/customers/jenny.rosen@example.com/context").json().path("timeline").toString())
                .contains("event:hubspot:notes/48220194410"));

        // Marcus is archived in HubSpot (no webhook told): the archive list, read in full, marks him deleted
        HUBSPOT.stubFor(get(urlPathEqualTo("/crm/v3/objects/contacts")).withQueryParam("archived", equalTo("true"))
                .withQueryParam("after", absent()).willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"results\":[],\"paging\":{\"next\":{\"after\":\"NjAzMTI=\"}}}")));
        HUBSPOT.stubFor(get(urlPathEqualTo("/crm/v3/objects/contacts")).withQueryParam("archived", equalTo("true"))
                .withQueryParam("after", equalTo("NjAzMTI=")).willReturn(aResponse()
                        .withHeader("Content-Type", "application/json").withBody("{\"results\":[{\"id\":\"60312\","
                                + "\"properties\":{\"email\":\"marcus.chen@example.net\",\"firstname\":\"Marcus\","
                                + "\"lastname\":\"Chen\",\"lastmodifieddate\":\"2026-04-07T15:31:09.004Z\"},"
                                + "\"createdAt\":\"2026-04-06T09:20:03.552Z\",\"updatedAt\":\"2026-04-07T15:31:09.004Z\","
                                + "\"archived\":true,\"archivedAt\":\"2026-04-20T10:00:00.000Z\"}]}")));
        hub().syncAndAwait("hubspot", "contacts-archived", "idle", Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(30)).until(() -> document("customer:hubspot:contacts/60312")
                .path("deleted").asBoolean());

        // the people at example.net are linked to their company by the domain of their e-mail
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(hub()
                .api("GET", "/api/profiles/priya.shah@example.net").json().path("members").toString())
                .contains("customer:hubspot:companies/9837456120"));
    }

    @Test
    void dealsArriveAtTheirCurrentStageWithTheirMovesOnTheCompanysTimelineAndAWebhookFetchesThem() throws Exception {
        CrmStubs.hubspotDeals(HUBSPOT);
        // a storm of ten-second 429s on the batch read: the same call is retried after each window, nothing fails
        String limited = Fixtures.load("hubspot-crm-429.json").json().at("/response/body").toString();
        for (String[] step : new String[][] {{STARTED, "second 429"}, {"second 429", "third 429"},
            {"third 429", "calm"}}) {
            HUBSPOT.stubFor(post(urlPathEqualTo(CrmStubs.DEALS_READ)).inScenario("storm").whenScenarioStateIs(step[0])
                    .willSetStateTo(step[1]).willReturn(aResponse().withStatus(429)
                            .withHeader("Content-Type", "application/json")
                            .withHeader("X-HubSpot-RateLimit-Interval-Milliseconds", "200").withBody(limited)));
        }

        hub().syncAndAwait("hubspot", "deals", "idle", Duration.ofSeconds(60));

        String kestrel = CrmStubs.KESTREL_DEAL;
        String move = CrmStubs.KESTREL_MOVE;
        await().atMost(Duration.ofSeconds(30)).until(() -> store.get("deal", kestrel).isPresent()
                && store.get("event", move).isPresent());
        JsonNode deal = JSON.readTree(store.get("deal", kestrel).orElseThrow().json());
        assertThat(deal.path("status").asText()).isEqualTo("open");
        assertThat(deal.path("stage").path("label").asText()).isEqualTo("Contract Sent");
        assertThat(deal.path("amount").asLong()).isEqualTo(4_800_000);
        assertThat(deal.path("customer").path("id").asText()).isEqualTo("customer:hubspot:companies/9837456120");
        assertThat(JSON.readTree(store.get("event", move).orElseThrow().json()).path("text").asText()).isEqualTo(
                "Kestrel Robotics - Fleet Telemetry (annual) moved from Appointment Scheduled to Contract Sent "
                        + "(Sales Pipeline), 48000 USD");
        HUBSPOT.verify(1, getRequestedFor(
                urlPathEqualTo(CrmStubs.PIPELINES)));
        HUBSPOT.verify(5, postRequestedFor(urlPathEqualTo(CrmStubs.DEALS_READ))
                .withRequestBody(matchingJsonPath("$.propertiesWithHistory[0]", equalTo("dealstage"))));
        assertThat(hub().stream("hubspot", "deals").path("lastError").isNull()).isTrue();
        assertThat(hub().stream("hubspot", "deals").path("recordsDone").asInt()).isEqualTo(2);

        // the company's context: the deal at its stage, and how it got there on the timeline
        ObjectNode companies = (ObjectNode) JSON.readTree(page("hubspot-crm-companies-list.json"));
        companies.remove("paging");
        HUBSPOT.stubFor(post(urlPathEqualTo(COMPANIES)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(companies.toString())));
        hub().syncAndAwait("hubspot", "companies", "idle", Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode context = hub().api("GET", "/api/customers/customer:hubspot:companies%2F9837456120/context").json();
            assertThat(context.path("deals").path("items").toString()).as(context.toString()).contains(kestrel);
            assertThat(context.path("deals").path("summary").path("openAmounts").path("USD").path("total").asLong())
                    .isEqualTo(4_800_000);
            assertThat(context.path("timeline").toString()).contains(move);
        });

        // a deal webhook names the deal only: the deals sync runs again to read it, the pipelines already known
        String body = "[{\"eventId\":7101,\"subscriptionId\":12346,\"portalId\":62515,\"occurredAt\":1776247400000,"
                + "\"subscriptionType\":\"deal.propertyChange\",\"attemptNumber\":0,\"objectId\":21984455012,"
                + "\"propertyName\":\"dealstage\",\"propertyValue\":\"closedwon\",\"changeSource\":\"CRM\",\"appId\":54321}]";
        long now = System.currentTimeMillis();
        String url = "http://localhost:" + port + "/webhooks/hubspot";
        assertThat(hub().post("/webhooks/hubspot", Map.of("content-type", "application/json",
                "X-HubSpot-Signature-v3", HubSpotSigner.v3(APP_SECRET, "POST", url, body, now),
                "X-HubSpot-Request-Timestamp", Long.toString(now)), body.getBytes(StandardCharsets.UTF_8)).status())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                HUBSPOT.verify(2, postRequestedFor(urlPathEqualTo(DEALS))));
        await().atMost(Duration.ofSeconds(30)).until(() -> "idle".equals(hub().stream("hubspot", "deals")
                .path("state").asText()));
        HUBSPOT.verify(1, getRequestedFor(
                urlPathEqualTo(CrmStubs.PIPELINES)));
    }
}
