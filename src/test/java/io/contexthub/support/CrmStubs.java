package io.contexthub.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The documented HubSpot and Stripe answers, served by WireMock the way the real APIs answer the hub's calls, for
 * every test that syncs them (in the test's hub or from the packaged jar).
 */
public final class CrmStubs {

    public static final String DEALS_SEARCH = "/crm/v3/objects/deals/search";
    public static final String DEALS_READ = "/crm/v3/objects/deals/batch/read";
    public static final String PIPELINES = "/crm/v3/pipelines/deals";
    /** The documented deal, its move from Appointment Scheduled to Contract Sent, as the hub keys them. */
    public static final String KESTREL_DEAL = "deal:hubspot:deals/21984455012";
    public static final String KESTREL_MOVE = "event:hubspot:deals/21984455012/stages/1776247351440";

    private static final ObjectMapper JSON = new ObjectMapper();

    private CrmStubs() {
    }

    /**
     * The two documented deals (hubspot-crm-deals-list.json) through the calls the deals stream makes: the search for
     * ids, the association reads, the batch read with the first deal's stage history, and the pipelines.
     */
    public static void hubspotDeals(WireMockServer hubspot) {
        answer(hubspot, post(urlPathEqualTo(DEALS_SEARCH)), "{\"total\":2,\"results\":["
                + "{\"id\":\"21984455012\",\"properties\":{\"hs_lastmodifieddate\":\"2026-04-15T10:02:31.440Z\"}},"
                + "{\"id\":\"21984455019\",\"properties\":{\"hs_lastmodifieddate\":\"2026-03-30T07:45:02.006Z\"}}]}");
        answer(hubspot, post(urlPathEqualTo("/crm/v4/associations/deals/companies/batch/read")),
                "{\"status\":\"COMPLETE\",\"results\":["
                        + "{\"from\":{\"id\":\"21984455012\"},\"to\":[{\"toObjectId\":9837456120}]},"
                        + "{\"from\":{\"id\":\"21984455019\"},\"to\":[{\"toObjectId\":9837456177}]}]}");
        answer(hubspot, post(urlPathEqualTo("/crm/v4/associations/deals/contacts/batch/read")),
                "{\"status\":\"COMPLETE\",\"results\":[{\"from\":{\"id\":\"21984455012\"},"
                        + "\"to\":[{\"toObjectId\":60311},{\"toObjectId\":60313}]}]}");
        // a batch read answers without inline associations, with the stage history it was asked for
        ObjectNode read = (ObjectNode) body("hubspot-crm-deals-list.json");
        read.put("status", "COMPLETE");
        read.withArray("results").forEach(deal -> ((ObjectNode) deal).remove("associations"));
        ((ObjectNode) read.withArray("results").get(0)).set("propertiesWithHistory", json("{\"dealstage\":["
                + "{\"value\":\"contractsent\",\"timestamp\":\"2026-04-15T10:02:31.440Z\",\"sourceType\":\"CRM_UI\"},"
                + "{\"value\":\"appointmentscheduled\",\"timestamp\":\"2026-04-06T09:25:13.870Z\",\"sourceType\":\"CRM_UI\"}]}"));
        answer(hubspot, post(urlPathEqualTo(DEALS_READ)), read.toString());
        answer(hubspot, get(urlPathEqualTo(PIPELINES)), body("hubspot-crm-pipelines-deals.json").toString());
    }

    /** The documented customers list, two pages (stripe-customers-list-page1/2.json). */
    public static void stripeCustomers(WireMockServer stripe) {
        answer(stripe, get(urlPathEqualTo("/v1/customers")).withQueryParam("starting_after", absent()),
                body("stripe-customers-list-page1.json").toString());
        answer(stripe, get(urlPathEqualTo("/v1/customers")).withQueryParam("starting_after",
                equalTo("cus_R9fJd3LqW8nVzc")), body("stripe-customers-list-page2.json").toString());
    }

    public static void answer(WireMockServer server, MappingBuilder request, String body) {
        server.stubFor(request.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(body)));
    }

    /** A fixture's documented response body. */
    public static JsonNode body(String fixture) {
        return Fixtures.load(fixture).json().at("/response/body").deepCopy();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
