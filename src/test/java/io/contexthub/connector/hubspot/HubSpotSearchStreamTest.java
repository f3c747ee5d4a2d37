package io.contexthub.connector.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.platform.Secret;
import io.contexthub.support.Fixtures;
import io.contexthub.support.NoConnections;
import io.contexthub.sync.SyncPage;
import io.contexthub.sync.SyncRequest;
import io.contexthub.sync.SyncStreamSettings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The HubSpot search stream without a server: the request bodies it sends, how it pages, and how it gets past the
 * 10,000-result cap of one query — by time, and by object id within one crowded millisecond.
 */
class HubSpotSearchStreamTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant NOW = Instant.parse("2026-04-10T12:00:00Z");

    final HubSpotSyncProperties properties = new HubSpotSyncProperties(true, URI.create("https://api.hubapi.com"),
            Secret.valueOf("pat-na1-test"), new HubSpotSyncProperties.OAuth(null, null, null,
                    URI.create("https://api.hubapi.com/oauth/v3/token"), URI.create("https://app.hubspot.com/oauth/authorize"),
                    "crm.objects.contacts.read"), 100, 4, 200, Duration.ofMinutes(1), ZoneId.of("Europe/Oslo"),
            Duration.ZERO,
            Map.of("contacts", List.of("favorite_color")), "USD",
            Map.of("contacts", new SyncStreamSettings(Duration.ofMinutes(15), true)));
    final HubSpotApi api = new HubSpotApi(properties, NoConnections.store(), NoConnections.vault(),
            Clock.fixed(NOW, ZoneOffset.UTC), JSON);
    final HubSpotSearchStream contacts = new HubSpotSearchStream("contacts", "lastmodifieddate",
            HubSpotConfiguration.CONTACT_PROPERTIES, properties, api, Clock.fixed(NOW, ZoneOffset.UTC), JSON);

    static JsonNode body(SyncRequest request) throws Exception {
        return JSON.readTree(request.body());
    }

    @Test
    void theFirstRunReadsEverythingUpToNowOldestFirstAndALaterOneStartsBeforeItsCursor() throws Exception {
        SyncRequest first = contacts.first(Optional.empty()).get(0);
        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.url()).isEqualTo("https://api.hubapi.com/crm/v3/objects/contacts/search");
        JsonNode body = body(first);
        assertThat(body.at("/filterGroups/0/filters").toString()).isEqualTo("[{\"propertyName\":\"lastmodifieddate\","
                + "\"operator\":\"GTE\",\"value\":\"0\"},{\"propertyName\":\"lastmodifieddate\",\"operator\":\"LTE\","
                + "\"value\":\"" + NOW.toEpochMilli() + "\"}]");
        assertThat(body.at("/sorts/0").toString())
                .isEqualTo("{\"propertyName\":\"lastmodifieddate\",\"direction\":\"ASCENDING\"}");
        assertThat(body.path("limit").asInt()).isEqualTo(200);
        assertThat(body.path("after").asText()).isEqualTo("0");
        assertThat(body.path("properties")).extracting(JsonNode::asText)
                .contains("email", "associatedcompanyid", "lastmodifieddate", "hs_object_id", "favorite_color");

        JsonNode later = body(contacts.first(Optional.of("1775657395271")).get(0));
        assertThat(later.at("/filterGroups/0/filters/0/value").asText()).as("a minute before the cursor")
                .isEqualTo(Long.toString(1775657395271L - 60_000));
    }

    @Test
    void theDocumentedPagesAreReadUntilPagingIsAbsent() throws Exception {
        SyncRequest first = contacts.first(Optional.empty()).get(0);
        SyncPage page1 = contacts.page(first, Fixtures.load("hubspot-crm-contacts-search-page1.json").json()
                .at("/response/body"));

        assertThat(page1.records()).extracting(r -> r.key())
                .containsExactly("contacts:60311:1775466761118", "contacts:60312:1775575869004");
        assertThat(page1.total()).as("the total HubSpot reports, on the first page").isEqualTo(3);
        assertThat(page1.watermark()).isEqualTo("1775575869004");
        assertThat(page1.followUps()).hasSize(1);
        JsonNode next = body(page1.followUps().get(0));
        assertThat(next.path("after").asText()).isEqualTo("2");
        assertThat(next.path("filterGroups")).isEqualTo(body(first).path("filterGroups"));

        SyncPage page2 = contacts.page(page1.followUps().get(0),
                Fixtures.load("hubspot-crm-contacts-search-page2.json").json().at("/response/body"));
        assertThat(page2.records()).extracting(r -> r.payload().path("id").asText()).containsExactly("60313");
        assertThat(page2.followUps()).as("no paging: the last page").isEmpty();
        assertThat(page2.total()).isNull();
        assertThat(contacts.later(page1.watermark(), page2.watermark())).isEqualTo("1775657395271");
    }

    @Test
    void nearTheResultCapANewQueryStartsAtTheNewestTimeRead() throws Exception {
        SyncRequest first = contacts.first(Optional.empty()).get(0);
        SyncPage page = contacts.page(first, results(9_850, "101", 1_700_000_000_000L, "102", 1_700_000_005_000L));

        JsonNode next = body(page.followUps().get(0));
        assertThat(next.at("/filterGroups/0/filters/0/value").asText()).isEqualTo("1700000005000");
        assertThat(next.path("after").asText()).isEqualTo("0");
        assertThat(next.at("/sorts/0/propertyName").asText()).isEqualTo("lastmodifieddate");
    }

    @Test
    void aMillisecondWithMoreThanTenThousandRecordsIsReadByIdAndTheRunGoesOnAfterIt() throws Exception {
        long crowded = 1_700_000_000_000L;
        SyncRequest atCrowded = contacts.page(contacts.first(Optional.empty()).get(0),
                results(9_850, "5", crowded, "9", crowded)).followUps().get(0);
        // a new query from the crowded millisecond, which again fills the cap with that one millisecond
        SyncRequest byId = contacts.page(atCrowded, results(9_850, "7", crowded, "3", crowded)).followUps().get(0);
        JsonNode body = body(byId);
        assertThat(body.at("/filterGroups/0/filters").toString()).isEqualTo("[{\"propertyName\":\"lastmodifieddate\","
                + "\"operator\":\"GTE\",\"value\":\"" + crowded + "\"},{\"propertyName\":\"lastmodifieddate\","
                + "\"operator\":\"LTE\",\"value\":\"" + crowded + "\"},{\"propertyName\":\"hs_object_id\","
                + "\"operator\":\"GT\",\"value\":\"0\"}]");
        assertThat(body.at("/sorts/0/propertyName").asText()).isEqualTo("hs_object_id");

        SyncRequest moreIds = contacts.page(byId, results(9_850, "20", crowded, "31", crowded)).followUps().get(0);
        assertThat(body(moreIds).at("/filterGroups/0/filters/2/value").asText()).isEqualTo("31");

        SyncRequest after = contacts.page(moreIds, results(null, "40", crowded)).followUps().get(0);
        JsonNode resumed = body(after);
        assertThat(resumed.at("/filterGroups/0/filters/0/value").asText()).isEqualTo(Long.toString(crowded + 1));
        assertThat(resumed.at("/filterGroups/0/filters/1/value").asText()).isEqualTo(Long.toString(NOW.toEpochMilli()));
        assertThat(resumed.at("/filterGroups/0/filters")).hasSize(2);
    }

    @Test
    void engagementsAreStagedOnlyOnceTheirAssociationsAreReadThenTheNextSearchPage() throws Exception {
        HubSpotSearchStream notes = new HubSpotSearchStream("notes", "hs_lastmodifieddate",
                HubSpotConfiguration.ENGAGEMENTS.get("notes"), HubSpotConfiguration.ENGAGEMENT_ASSOCIATIONS,
                "engagements", properties, api, Clock.fixed(NOW, ZoneOffset.UTC), JSON);
        SyncRequest search = notes.first(Optional.empty()).get(0);
        assertThat(body(search).path("properties")).extracting(JsonNode::asText)
                .as("the search only finds ids").containsExactly("hs_lastmodifieddate", "hs_object_id");
        JsonNode found = results(2, "48220194410", 1_775_576_472_309L, "48220194477", 1_775_657_250_114L);
        SyncPage page = notes.page(search, found);

        assertThat(page.records()).isEmpty();
        assertThat(page.watermark()).isEqualTo("1775657250114");
        assertThat(page.followUps()).extracting(SyncRequest::url).containsExactly(
                "https://api.hubapi.com/crm/v4/associations/notes/contacts/batch/read",
                "https://api.hubapi.com/crm/v3/objects/notes/search");
        assertThat(body(page.followUps().get(0)).path("inputs").toString())
                .isEqualTo("[{\"id\":\"48220194410\"},{\"id\":\"48220194477\"}]");

        // contacts (both, one as a number), companies (none), deals (one), then the notes themselves
        SyncPage contacts = notes.page(page.followUps().get(0), JSON.readTree("{\"status\":\"COMPLETE\",\"results\":["
                + "{\"from\":{\"id\":\"48220194410\"},\"to\":[{\"toObjectId\":\"60311\"},{\"toObjectId\":60312}]},"
                + "{\"from\":{\"id\":\"48220194477\"},\"to\":[{\"toObjectId\":\"60313\"}]}]}"));
        SyncRequest companies = contacts.followUps().get(0);
        assertThat(companies.url()).endsWith("/crm/v4/associations/notes/companies/batch/read");
        SyncRequest deals = notes.page(companies, JSON.readTree("{\"results\":[]}")).followUps().get(0);
        SyncRequest read = notes.page(deals, JSON.readTree("{\"results\":[{\"from\":{\"id\":\"48220194410\"},"
                + "\"to\":[{\"toObjectId\":\"21984455012\"}]}]}")).followUps().get(0);
        assertThat(read.url()).isEqualTo("https://api.hubapi.com/crm/v3/objects/notes/batch/read");
        assertThat(body(read).path("properties")).extracting(JsonNode::asText).contains("hs_note_body", "hs_timestamp");

        JsonNode documented = Fixtures.load("hubspot-crm-notes-list.json").json().at("/response/body").deepCopy();
        documented.path("results").forEach(result -> ((ObjectNode) result).remove("associations"));
        SyncPage staged = notes.page(read, documented);
        assertThat(staged.records()).extracting(r -> r.key())
                .containsExactly("notes:48220194410:1775576472309", "notes:48220194477:1775657250114");
        assertThat(staged.records().get(0).payload().path("associations").toString()).isEqualTo(
                "{\"contacts\":{\"results\":[{\"id\":\"60311\"},{\"id\":\"60312\"}]},"
                        + "\"deals\":{\"results\":[{\"id\":\"21984455012\"}]}}");
        assertThat(staged.records().get(1).payload().path("associations").toString())
                .isEqualTo("{\"contacts\":{\"results\":[{\"id\":\"60313\"}]}}");
        assertThat(staged.followUps()).isEmpty();
        assertThat(notes.envelopeStream()).isEqualTo("engagements");
    }

    @Test
    void aSearchPageLargerThanABatchReadIsReadInChainsOfAHundred() throws Exception {
        HubSpotSearchStream notes = new HubSpotSearchStream("notes", "hs_lastmodifieddate",
                HubSpotConfiguration.ENGAGEMENTS.get("notes"), HubSpotConfiguration.ENGAGEMENT_ASSOCIATIONS,
                "engagements", properties, api, Clock.fixed(NOW, ZoneOffset.UTC), JSON);
        Object[] found = new Object[300];
        for (int i = 0; i < 150; i++) {
            found[2 * i] = Integer.toString(1000 + i);
            found[2 * i + 1] = 1_775_576_472_309L + i;
        }

        SyncPage page = notes.page(notes.first(Optional.empty()).get(0), results(null, found));

        assertThat(page.followUps()).hasSize(2);
        assertThat(body(page.followUps().get(0)).path("inputs")).hasSize(100);
        assertThat(body(page.followUps().get(1)).path("inputs")).hasSize(50);
        assertThat(body(page.followUps().get(1)).path("inputs").get(0).path("id").asText()).isEqualTo("1100");
    }

    @Test
    void dealsAreReadWithTheirStageHistoryAndStagedWithWhatTheirPipelineSaysOfTheirStages() throws Exception {
        HubSpotDealStream deals = new HubSpotDealStream(HubSpotConfiguration.DEAL_PROPERTIES,
                HubSpotConfiguration.DEAL_ASSOCIATIONS, properties, api, Clock.fixed(NOW, ZoneOffset.UTC), JSON);
        SyncPage found = deals.page(deals.first(Optional.empty()).get(0),
                results(null, "21984455012", 1_776_247_351_440L));
        SyncRequest companies = found.followUps().get(0);
        assertThat(companies.url()).endsWith("/crm/v4/associations/deals/companies/batch/read");
        SyncRequest contacts = deals.page(companies, JSON.readTree("{\"results\":[{\"from\":{\"id\":\"21984455012\"},"
                + "\"to\":[{\"toObjectId\":9837456120}]}]}")).followUps().get(0);
        SyncRequest read = deals.page(contacts, JSON.readTree("{\"results\":[]}")).followUps().get(0);
        assertThat(read.url()).endsWith("/crm/v3/objects/deals/batch/read");
        assertThat(body(read).path("propertiesWithHistory").toString()).isEqualTo("[\"dealstage\"]");
        assertThat(body(read).path("properties")).extracting(JsonNode::asText).contains("dealname", "pipeline",
                "deal_currency_code");

        JsonNode answer = JSON.readTree("{\"status\":\"COMPLETE\",\"results\":[{\"id\":\"21984455012\","
                + "\"properties\":{\"dealname\":\"Kestrel\",\"dealstage\":\"contractsent\",\"pipeline\":\"default\","
                + "\"hs_lastmodifieddate\":\"2026-04-15T10:02:31.440Z\"},\"propertiesWithHistory\":{\"dealstage\":["
                + "{\"value\":\"contractsent\",\"timestamp\":\"2026-04-15T10:02:31.440Z\"},"
                + "{\"value\":\"appointmentscheduled\",\"timestamp\":\"2026-04-06T09:25:13.870Z\"}]},"
                + "\"updatedAt\":\"2026-04-15T10:02:31.440Z\"}]}");
        // stages not known yet: the pipelines are read, then the same batch again
        SyncPage unknown = deals.page(read, answer);
        assertThat(unknown.records()).isEmpty();
        SyncRequest pipelines = unknown.followUps().get(0);
        assertThat(pipelines.url()).isEqualTo("https://api.hubapi.com/crm/v3/pipelines/deals");
        assertThat(pipelines.method()).isEqualTo("GET");
        SyncRequest again = deals.page(pipelines, Fixtures.load("hubspot-crm-pipelines-deals.json").json()
                .at("/response/body")).followUps().get(0);
        assertThat(again.url()).isEqualTo(read.url());
        assertThat(again.body()).isEqualTo(read.body());

        SyncPage staged = deals.page(again, answer);
        assertThat(staged.records()).extracting(r -> r.key()).containsExactly("deals:21984455012:1776247351440");
        JsonNode deal = staged.records().get(0).payload();
        assertThat(deal.path("associations").path("companies").toString()).isEqualTo("{\"results\":[{\"id\":\"9837456120\"}]}");
        assertThat(deal.path("resolved").toString()).isEqualTo("{\"pipeline\":{\"id\":\"default\",\"label\":"
                + "\"Sales Pipeline\"},\"stages\":{\"contractsent\":{\"label\":\"Contract Sent\",\"pipeline\":\"default\","
                + "\"order\":4,\"closed\":false,\"probability\":0.9},\"appointmentscheduled\":{\"label\":"
                + "\"Appointment Scheduled\",\"pipeline\":\"default\",\"order\":0,\"closed\":false,\"probability\":0.2}},"
                + "\"currency\":\"USD\"}");

        // a hub restarted before that read was committed resumes with it, and reads the pipelines first
        HubSpotDealStream restarted = new HubSpotDealStream(HubSpotConfiguration.DEAL_PROPERTIES,
                HubSpotConfiguration.DEAL_ASSOCIATIONS, properties, api, Clock.fixed(NOW, ZoneOffset.UTC), JSON);
        assertThat(restarted.page(again, answer).followUps()).extracting(SyncRequest::url)
                .containsExactly("https://api.hubapi.com/crm/v3/pipelines/deals");

        // known now: the next batch is staged at once; a stage deleted since is read once more, then staged as is
        assertThat(deals.page(read, answer).records()).hasSize(1);
        ((ObjectNode) answer.path("results").get(0).path("properties")).put("dealstage", "1234567");
        SyncRequest refresh = deals.page(read, answer).followUps().get(0);
        SyncRequest once = deals.page(refresh, JSON.readTree("{\"results\":[]}")).followUps().get(0);
        assertThat(deals.page(once, answer).records()).hasSize(1);
    }

    @Test
    void a429WaitsAsItsPolicySays() {
        Instant now = Instant.parse("2026-04-10T20:30:00Z");
        byte[] tenSecondly = Fixtures.load("hubspot-crm-429.json").json().at("/response/body").toString()
                .getBytes(StandardCharsets.UTF_8);
        assertThat(api.rateLimitedUntil(now, name -> HubSpotApi.INTERVAL.equals(name) ? "10000" : null, tenSecondly))
                .contains(now.plusSeconds(10));
        byte[] daily = Fixtures.load("hubspot-crm-429.json").json().at("/variants/daily/body").toString()
                .getBytes(StandardCharsets.UTF_8);
        assertThat(api.rateLimitedUntil(now, name -> null, daily)).as("midnight in Oslo")
                .contains(Instant.parse("2026-04-10T22:00:00Z"));
        byte[] search = Fixtures.load("hubspot-crm-429.json").json().at("/variants/search_secondly/body").toString()
                .getBytes(StandardCharsets.UTF_8);
        assertThat(api.rateLimitedUntil(now, name -> null, search)).contains(now.plusSeconds(1));
        assertThat(api.rateLimitedUntil(now, name -> null, "not json".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    /** A search answer: the given (id, modified ms) pairs, and a next page at {@code after} unless it is null. */
    static JsonNode results(Integer after, Object... idsAndTimes) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode results = body.putArray("results");
        for (int i = 0; i < idsAndTimes.length; i += 2) {
            ObjectNode result = results.addObject().put("id", (String) idsAndTimes[i]);
            String time = Instant.ofEpochMilli((Long) idsAndTimes[i + 1]).toString();
            result.putObject("properties").put("lastmodifieddate", time).put("hs_lastmodifieddate", time);
        }
        if (after != null) {
            body.putObject("paging").putObject("next").put("after", after.toString());
        }
        return body;
    }
}
