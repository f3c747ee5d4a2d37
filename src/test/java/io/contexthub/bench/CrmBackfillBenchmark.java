package io.contexthub.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import io.contexthub.ContextHubApplication;
import io.contexthub.store.ContextStore;
import io.contexthub.support.Fixtures;
import io.contexthub.support.HubClient;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The first connection of a HubSpot portal and a Stripe account with existing data (tag {@code benchmark};
 * {@code ./mvnw test -Pbenchmark -Dtest=CrmBackfillBenchmark}): 10,000 HubSpot contacts through the search API
 * (50 pages of 200) and 10,000 Stripe invoices through the list API (100 pages of 100), served by WireMock on the
 * same machine, on the embedded backbone. Two figures each: how fast the run stages them, and how fast they are all
 * searchable (embedding included).
 */
@Tag("benchmark")
class CrmBackfillBenchmark {

    static final int RECORDS = 10_000;
    static final int HUBSPOT_PAGE = 200;
    static final int STRIPE_PAGE = 100;
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void report() throws Exception {
        WireMockServer saas = new WireMockServer(options().dynamicPort().containerThreads(8));
        saas.start();
        try {
            stubContacts(saas);
            stubInvoices(saas);
            String[] args = {"--server.port=0", "--hub.data-dir=target/bench-crm-" + UUID.randomUUID(),
                "--hub.api.token=bench", "--logging.level.io.contexthub=WARN",
                "--hub.connectors.hubspot.base-url=" + saas.baseUrl(), "--hub.connectors.hubspot.access-token=bench",
                "--hub.connectors.hubspot.requests-per-ten-seconds=1000",
                "--hub.connectors.stripe.base-url=" + saas.baseUrl(), "--hub.connectors.stripe.api-key=rk_bench"};
            try (ConfigurableApplicationContext hub = new SpringApplicationBuilder(ContextHubApplication.class)
                    .run(args)) {
                HubClient client = BenchSupport.client(hub, "bench");
                ContextStore store = hub.getBean(ContextStore.class);
                String report = "\n=== Context Hub CRM backfill benchmark ===\ncores: "
                        + Runtime.getRuntime().availableProcessors() + "; WireMock, hub and embedding share them\n"
                        + measure(client, store, "hubspot", "contacts", "customer", RECORDS / HUBSPOT_PAGE)
                        + measure(client, store, "stripe", "invoices", "invoice", RECORDS / STRIPE_PAGE);
                System.out.println(report);
            }
        } finally {
            saas.stop();
        }
    }

    static String measure(HubClient client, ContextStore store, String connector, String stream, String entity,
                          int calls) {
        long before = store.count(entity);
        long start = System.nanoTime();
        var done = client.syncAndAwait(connector, stream, "idle", Duration.ofMinutes(20));
        double staged = BenchSupport.seconds(start);
        await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> store.count(entity) - before >= RECORDS);
        double searchable = BenchSupport.seconds(start);
        return String.format("  %-18s %d records in %d calls: staged in %.1f s = %.0f records/s; all searchable after "
                        + "%.1f s = %.0f records/s (recordsDone %d)%n", connector + " " + stream, RECORDS, calls,
                staged, RECORDS / staged, searchable, RECORDS / searchable, done.path("recordsDone").asLong());
    }

    /** Contacts shaped like the documented search pages (values invented), one page per offset. */
    static void stubContacts(WireMockServer saas) {
        Instant first = Instant.parse("2026-01-01T00:00:00Z");
        for (int page = 0; page * HUBSPOT_PAGE < RECORDS; page++) {
            ObjectNode body = JSON.createObjectNode().put("total", RECORDS);
            ArrayNode results = body.putArray("results");
            for (int i = page * HUBSPOT_PAGE; i < (page + 1) * HUBSPOT_PAGE; i++) {
                String modified = first.plusSeconds(i).toString();
                ObjectNode contact = results.addObject().put("id", Integer.toString(700_000 + i))
                        .put("createdAt", modified).put("updatedAt", modified).put("archived", false);
                contact.putObject("properties").put("email", "bench.contact" + i + "@bench" + (i % 97) + ".io")
                        .put("firstname", "Bench").put("lastname", "Contact " + i).put("jobtitle", "Buyer")
                        .put("company", "Bench Company " + (i % 97)).put("lifecyclestage", "customer")
                        .put("lastmodifieddate", modified).put("hs_object_id", Integer.toString(700_000 + i));
            }
            if ((page + 1) * HUBSPOT_PAGE < RECORDS) {
                body.putObject("paging").putObject("next").put("after", Integer.toString((page + 1) * HUBSPOT_PAGE));
            }
            saas.stubFor(post(urlPathEqualTo("/crm/v3/objects/contacts/search"))
                    .withRequestBody(matchingJsonPath("$.after", equalTo(Integer.toString(page * HUBSPOT_PAGE))))
                    .willReturn(json(body)));
        }
    }

    /** Invoices shaped like the documented invoice.paid snapshot, ids and numbers varied; newest first. */
    static void stubInvoices(WireMockServer saas) {
        ObjectNode template = (ObjectNode) Fixtures.load("stripe-invoice-paid.json").body().at("/data/object");
        for (int page = 0; page * STRIPE_PAGE < RECORDS; page++) {
            ObjectNode body = JSON.createObjectNode().put("object", "list")
                    .put("has_more", (page + 1) * STRIPE_PAGE < RECORDS);
            ArrayNode data = body.putArray("data");
            for (int i = page * STRIPE_PAGE; i < (page + 1) * STRIPE_PAGE; i++) {
                data.add(template.deepCopy().put("id", id(i)).put("number", "BENCH-" + i)
                        .put("created", 1_780_000_000L - i));
            }
            MappingBuilder request = get(urlPathEqualTo("/v1/invoices"));
            request = page == 0 ? request.withQueryParam("starting_after", absent())
                    : request.withQueryParam("starting_after", equalTo(id(page * STRIPE_PAGE - 1)));
            saas.stubFor(request.willReturn(json(body)));
        }
    }

    static String id(int i) {
        return String.format("in_bench%08d", i);
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(ObjectNode body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body.toString());
    }
}
