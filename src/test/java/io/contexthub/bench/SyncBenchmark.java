package io.contexthub.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.ContextHubApplication;
import io.contexthub.store.ContextStore;
import io.contexthub.support.FrontApiStub;
import io.contexthub.support.HubClient;
import io.contexthub.support.OpenSearchTestNode;
import io.contexthub.support.SalesforceStub;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Syncs measured on both backbones (tag {@code benchmark}; {@code ./mvnw test -Pbenchmark}): a Salesforce
 * backfill of accounts through camel-salesforce (queryAll, then queryMore) and a Front contacts backfill through
 * camel-http, each served by WireMock on the same machine. Two figures per sync: how fast the run stages records
 * (the API calls, checkpoints and durable staging) and how fast they become searchable (with embedding).
 */
@Tag("benchmark")
class SyncBenchmark {

    static final int RECORDS = 2000;
    static final int SALESFORCE_PAGE = 500;
    static final int FRONT_PAGE = 100;
    static final ObjectMapper JSON = new ObjectMapper();
    static final DateTimeFormatter SALESFORCE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    @Test
    void report() throws Exception {
        StringBuilder report = new StringBuilder("\n=== Context Hub sync benchmark ===\n");
        report.append("cores: ").append(Runtime.getRuntime().availableProcessors())
                .append("; WireMock stubs, hub, embedding (and broker and OpenSearch) share them\n");
        report.append(run("spool + Lucene"));
        var kafka = new EmbeddedKafkaKraftBroker(1, 6);
        kafka.afterPropertiesSet();
        try {
            report.append(run("Kafka + OpenSearch", "--hub.staging=kafka",
                    "--spring.kafka.bootstrap-servers=" + kafka.getBrokersAsString(), "--hub.store=opensearch",
                    "--hub.opensearch.url=" + OpenSearchTestNode.url(), "--hub.opensearch.replicas=0",
                    "--hub.opensearch.index-prefix=bench" + UUID.randomUUID().toString().substring(0, 8)));
        } finally {
            kafka.destroy();
        }
        System.out.println(report);
    }

    static String run(String backbone, String... backboneArgs) throws Exception {
        try (var salesforce = new SalesforceStub(); var front = new FrontApiStub()) {
            stubAccounts(salesforce);
            stubContacts(front);
            List<String> args = new ArrayList<>(List.of(
                    "--server.port=0", "--hub.data-dir=target/bench-sync-" + UUID.randomUUID(),
                    "--hub.api.token=bench", "--logging.level.io.contexthub=WARN",
                    "--hub.connectors.salesforce.login-url=" + salesforce.baseUrl(),
                    "--hub.connectors.salesforce.client-id=bench-app",
                    "--hub.connectors.salesforce.client-secret=bench-secret",
                    "--hub.connectors.salesforce.refresh-token=bench-refresh",
                    "--hub.connectors.salesforce.requests-per-minute=6000",
                    "--hub.connectors.frontapp.base-url=" + front.baseUrl(),
                    "--hub.connectors.frontapp.api-token=bench-token",
                    "--hub.connectors.frontapp.requests-per-minute=6000",
                    "--hub.connectors.frontapp.burst-per-second=100",
                    "--hub.connectors.frontapp.page-size=" + FRONT_PAGE));
            args.addAll(List.of(backboneArgs));
            try (ConfigurableApplicationContext hub = new SpringApplicationBuilder(ContextHubApplication.class)
                    .run(args.toArray(String[]::new))) {
                HubClient client = BenchSupport.client(hub, "bench");
                ContextStore store = hub.getBean(ContextStore.class);
                return backbone + ":\n"
                        + measure(client, store, "salesforce", "accounts", RECORDS / SALESFORCE_PAGE + " calls")
                        + measure(client, store, "frontapp", "contacts", RECORDS / FRONT_PAGE + " calls");
            }
        }
    }

    static String measure(HubClient client, ContextStore store, String connector, String stream, String calls) {
        long before = store.count("customer");
        long start = System.nanoTime();
        var done = client.syncAndAwait(connector, stream, "idle", Duration.ofMinutes(10));
        double staged = BenchSupport.seconds(start);
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> store.count("customer") - before >= RECORDS);
        double searchable = BenchSupport.seconds(start);
        return String.format("  %-20s %d records in %s: run staged them in %.1f s = %.0f records/s; all searchable "
                        + "after %.1f s = %.0f records/s (recordsDone %d)%n", connector + " " + stream, RECORDS, calls,
                staged, RECORDS / staged, searchable, RECORDS / searchable, done.path("recordsDone").asLong());
    }

    /** Accounts shaped like the documented query pages (values invented), queryMore locators as Salesforce's. */
    static void stubAccounts(SalesforceStub salesforce) {
        salesforce.login("00D000000000001!bench-session");
        OffsetDateTime first = OffsetDateTime.of(2024, 3, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        for (int page = 0; page * SALESFORCE_PAGE < RECORDS; page++) {
            ObjectNode body = JSON.createObjectNode().put("totalSize", RECORDS);
            boolean last = (page + 1) * SALESFORCE_PAGE >= RECORDS;
            body.put("done", last);
            if (!last) {
                body.put("nextRecordsUrl", SalesforceStub.API + "/query/01gBENCH-" + ((page + 1) * SALESFORCE_PAGE));
            }
            ArrayNode records = body.putArray("records");
            for (int i = page * SALESFORCE_PAGE; i < (page + 1) * SALESFORCE_PAGE; i++) {
                ObjectNode record = records.addObject();
                record.putObject("attributes").put("type", "Account");
                record.put("Id", String.format("001BENCH%010d", i)).put("Name", "Bench Account " + i)
                        .put("Type", "Customer - Direct").put("Industry", i % 2 == 0 ? "Retail" : "Manufacturing")
                        .put("BillingCity", "City " + (i % 50)).put("BillingCountry", "France")
                        .put("SystemModstamp", first.plusSeconds(i).format(SALESFORCE_TIME)).put("IsDeleted", false);
            }
            salesforce.stub(get(urlPathEqualTo(page == 0 ? SalesforceStub.API + "/queryAll/"
                    : SalesforceStub.API + "/query/01gBENCH-" + (page * SALESFORCE_PAGE)))
                    .willReturn(SalesforceStub.json(body.toString(), "1000/100000")));
        }
    }

    static void stubContacts(FrontApiStub front) {
        for (int page = 0; page * FRONT_PAGE < RECORDS; page++) {
            List<ObjectNode> contacts = new ArrayList<>();
            for (int i = page * FRONT_PAGE; i < (page + 1) * FRONT_PAGE; i++) {
                contacts.add(FrontApiStub.contact("crd_bench" + i, "Bench Contact " + i, "contact" + i + "@bench.io",
                        1795000000.5 + i));
            }
            String next = (page + 1) * FRONT_PAGE < RECORDS ? "/contacts?limit=" + FRONT_PAGE + "&page_token=p"
                    + (page + 1) : null;
            front.stub((page == 0 ? FrontApiStub.firstPage("/contacts") : FrontApiStub.page("/contacts", "p" + page))
                    .willReturn(FrontApiStub.json(front.list(contacts, next))));
        }
    }
}
