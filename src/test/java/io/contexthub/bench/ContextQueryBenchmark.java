package io.contexthub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.api.ApiProperties;
import io.contexthub.customer.CustomerContextApi;
import io.contexthub.customer.CustomerProfiles;
import io.contexthub.embedding.EmbeddingProperties;
import io.contexthub.embedding.OnnxEmbedder;
import io.contexthub.identity.IdentityApi;
import io.contexthub.identity.IdentityGraph;
import io.contexthub.identity.IdentityKeys;
import io.contexthub.identity.IdentityProperties;
import io.contexthub.identity.IdentityTable;
import io.contexthub.identity.LuceneIdentityTable;
import io.contexthub.identity.OpenSearchIdentityTable;
import io.contexthub.identity.Profiles;
import io.contexthub.staging.SourceActivity;
import io.contexthub.store.ContextDocument;
import io.contexthub.store.ContextStore;
import io.contexthub.store.DocumentScope;
import io.contexthub.store.LuceneContextStore;
import io.contexthub.store.SearchFilters;
import io.contexthub.store.SearchQuery;
import io.contexthub.store.opensearch.OpenSearchContextStore;
import io.contexthub.store.opensearch.OpenSearchProperties;
import io.contexthub.support.OpenSearchTestNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Reading the context at scale (#10 §6): 100,000 documents (a third per entity, 5,000 customers, events and invoices
 * spread over them and over five sources and two years), then search without and with filters, and a customer's
 * whole context, each timed call by call. The query vectors are embedded beforehand: the model's own cost is
 * measured by PipelineBenchmark; this measures the stores. The corpus is generated: 2,000 distinct texts are
 * embedded with the real model and every document reuses one of those vectors with a small random perturbation
 * (re-normalised), so the index holds 100,000 distinct vectors with the clustering of real text without embedding
 * 100,000 texts (about ten minutes here).
 */
@Tag("benchmark")
class ContextQueryBenchmark {

    static final int DOCUMENTS = 100_000;
    static final int CUSTOMERS = 5_000;
    static final int TEXTS = 2_000;
    static final int QUERIES = 300;
    static final String[] SOURCES = {"frontapp", "hubspot", "stripe", "salesforce", "ga4"};
    static final String[] TOPICS = {"a late delivery", "a refund for a damaged item", "a failed card payment",
        "an upgrade to the enterprise plan", "a password reset", "an invoice with the wrong VAT number",
        "cancelling the subscription", "adding ten seats", "the API rate limit", "a question about the contract"};

    static OnnxEmbedder embedder;
    static List<float[]> vectors;
    static List<String> texts;

    @BeforeAll
    static void corpus() {
        embedder = OnnxEmbedder.load(EmbeddingProperties.defaults());
        texts = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < TEXTS; i++) {
            texts.add("Message " + i + " about " + TOPICS[i % TOPICS.length] + " for order " + random.nextInt(99999)
                    + ", sent from the " + SOURCES[i % SOURCES.length] + " account of customer " + (i % CUSTOMERS));
        }
        vectors = embedder.embed(texts);
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    @Test
    void lucene() throws Exception {
        Path dir = Files.createTempDirectory("bench-lucene-");
        try (LuceneContextStore store = new LuceneContextStore(dir.resolve("index"));
             IdentityTable identity = new LuceneIdentityTable(dir.resolve("identity"), new ObjectMapper())) {
            measure("Lucene", store, identity);
        }
        overMcp("Lucene", Map.of("hub.data-dir", dir.toString()));
    }

    @Test
    void openSearch() throws Exception {
        OpenSearchProperties properties = new OpenSearchProperties(URI.create(OpenSearchTestNode.url()),
                "bench" + System.nanoTime(), null, null, 0, "false");
        try (OpenSearchContextStore store = new OpenSearchContextStore(properties, new ObjectMapper());
             IdentityTable identity = new OpenSearchIdentityTable(properties, new ObjectMapper())) {
            measure("OpenSearch", store, identity);
        }
        overMcp("OpenSearch", Map.of("hub.store", "opensearch", "hub.opensearch.url", OpenSearchTestNode.url(),
                "hub.opensearch.index-prefix", properties.indexPrefix(),
                "hub.data-dir", Files.createTempDirectory("bench-mcp-").toString()));
    }

    private void measure(String name, ContextStore store, IdentityTable table) throws Exception {
        long loadStart = System.nanoTime();
        load(store);
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        ObjectMapper mapper = new ObjectMapper();
        IdentityProperties identity = new IdentityProperties(Map.of(), List.of(), 500, 200);
        IdentityGraph graph = new IdentityGraph(table, mapper, Clock.systemUTC(), identity);
        IdentityKeys keys = new IdentityKeys(identity);
        long linkStart = System.nanoTime();
        int linked = 0;
        Map<String, java.util.Set<String>> batch = new java.util.LinkedHashMap<>();
        for (int i = 0; i < DOCUMENTS; i += 3) {
            JsonNode customer = mapper.readTree(document(i, new Random(i)).json());
            batch.put(customer.path("id").asText(), keys.of(customer));
            linked++;
            // as the processing route does: a micro-batch of up to 64 records at a time
            if (batch.size() == 64) {
                graph.observe(batch);
                graph.flush();
                batch.clear();
            }
        }
        graph.observe(batch);
        graph.flush();
        double linkSeconds = (System.nanoTime() - linkStart) / 1e9;
        Profiles profiles = new Profiles(graph, store, identity);
        Random random = new Random(11);
        float[][] queries = new float[QUERIES][];
        String[] queryTexts = new String[QUERIES];
        for (int i = 0; i < QUERIES; i++) {
            queryTexts[i] = "customer writes about " + TOPICS[i % TOPICS.length];
            queries[i] = embedder.embed(queryTexts[i]);
        }
        Instant from = Instant.parse("2025-06-01T00:00:00Z");
        Instant to = Instant.parse("2025-09-01T00:00:00Z");
        var unfiltered = time(i -> store.search(new SearchQuery(queryTexts[i], queries[i], null, 10)));
        var byCustomer = time(i -> store.search(new SearchQuery(queryTexts[i], queries[i], null, 10,
                new SearchFilters(Set.of(customerId(random.nextInt(CUSTOMERS))), null, null, null, null, null, null,
                        false), null)));
        var bySourceTypeTime = time(i -> store.search(new SearchQuery(queryTexts[i], queries[i], "event", 10,
                new SearchFilters(null, SOURCES[i % SOURCES.length], null, null, from, to, null, false), null)));
        var listing = time(i -> store.search(new SearchQuery(null, null, "event", 20,
                new SearchFilters(Set.of(customerId(random.nextInt(CUSTOMERS))), null, null, null, null, null, null,
                        false), null)));
        var context = new CustomerContextApi(new CustomerProfiles(profiles, store, mapper),
                new IdentityApi(profiles, graph, null, mapper), store, embedder,
                new SourceActivity(Clock.systemUTC(), io.contexthub.tenant.Tenants.single(),
                        new io.micrometer.core.instrument.simple.SimpleMeterRegistry()), mapper, Clock.systemUTC(),
                new ApiProperties(io.contexthub.platform.Secret.valueOf("bench"), 100, false));
        var customerContext = time(i -> context.contextOf(customerId(random.nextInt(CUSTOMERS)), null, 20, null,
                DocumentScope.ALL));
        var byEmail = time(i -> context.contextOf("person" + random.nextInt(CUSTOMERS) + "@example.com", null, 20,
                null, DocumentScope.ALL));
        System.out.printf("%n%s, %,d documents loaded in %.0f s (%.0f documents/s)%n", name, DOCUMENTS, loadSeconds,
                DOCUMENTS / loadSeconds);
        System.out.printf("  %,d customer records linked in %.0f s (%.0f records/s)%n", linked, linkSeconds,
                linked / linkSeconds);
        System.out.printf("  search, no filter:                 %s%n", unfiltered.format("queries/s"));
        System.out.printf("  search, customer filter:           %s%n", byCustomer.format("queries/s"));
        System.out.printf("  search, source+type+time filter:   %s%n", bySourceTypeTime.format("queries/s"));
        System.out.printf("  list a customer's events (no q):   %s%n", listing.format("lists/s"));
        System.out.printf("  customer context by id:            %s%n", customerContext.format("calls/s"));
        System.out.printf("  customer context by e-mail:        %s%n", byEmail.format("calls/s"));
    }

    /**
     * The agent's view: the hub itself (Spring Boot, processing off) on the store just loaded, and the MCP SDK's
     * client calling tools over streamable HTTP. Unlike the calls above, these include embedding the query (the
     * model runs per call, as it does for an agent), HTTP, JSON-RPC and the compact answer.
     */
    private void overMcp(String name, Map<String, Object> settings) {
        Map<String, Object> properties = new java.util.HashMap<>(settings);
        properties.put("server.port", 0);
        properties.put("hub.api.token", "bench-token");
        properties.put("hub.processing.auto-startup", false);
        // as command-line arguments: they outrank application.yaml (default properties would not)
        String[] arguments = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        try (var app = new org.springframework.boot.builder.SpringApplicationBuilder(
                io.contexthub.ContextHubApplication.class).run(arguments)) {
            int port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            var transport = io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport
                    .builder("http://localhost:" + port).endpoint("/mcp")
                    .jsonMapper(new io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper(new ObjectMapper()))
                    .customizeRequest(request -> request.header("Authorization", "Bearer bench-token")).build();
            try (var agent = io.modelcontextprotocol.client.McpClient.sync(transport)
                    .requestTimeout(java.time.Duration.ofSeconds(30)).jsonSchemaValidator((schema, content) ->
                            io.modelcontextprotocol.json.schema.JsonSchemaValidator.ValidationResponse.asValid(null))
                    .build()) {
                agent.initialize();
                Random random = new Random(13);
                var search = time(i -> call(agent, "search_context", Map.of("query",
                        "customer writes about " + TOPICS[i % TOPICS.length], "k", 10)));
                var filtered = time(i -> call(agent, "search_context", Map.of("query",
                        "customer writes about " + TOPICS[i % TOPICS.length], "k", 10,
                        "customer", "person" + random.nextInt(CUSTOMERS) + "@example.com")));
                var context = time(i -> call(agent, "get_customer_context", Map.of("customer",
                        "person" + random.nextInt(CUSTOMERS) + "@example.com", "max_tokens", 1000)));
                System.out.printf("%n%s over MCP (HTTP, query embedded per call):%n", name);
                System.out.printf("  search_context:                    %s%n", search.format("calls/s"));
                System.out.printf("  search_context, customer filter:   %s%n", filtered.format("calls/s"));
                System.out.printf("  get_customer_context (1000 tokens): %s%n", context.format("calls/s"));
            }
        }
    }

    private static void call(io.modelcontextprotocol.client.McpSyncClient agent, String tool, Map<String, Object> arguments) {
        var result = agent.callTool(new io.modelcontextprotocol.spec.McpSchema.CallToolRequest(tool, arguments));
        if (Boolean.TRUE.equals(result.isError())) {
            throw new IllegalStateException(tool + " failed: " + result.content());
        }
    }

    /** Each call once to warm up, then timed one by one. */
    private static BenchSupport.Latencies time(IntConsumer call) {
        for (int i = 0; i < 30; i++) {
            call.accept(i % QUERIES);
        }
        double[] millis = new double[QUERIES];
        long start = System.nanoTime();
        for (int i = 0; i < QUERIES; i++) {
            long t = System.nanoTime();
            call.accept(i);
            millis[i] = (System.nanoTime() - t) / 1e6;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(millis);
        return new BenchSupport.Latencies(QUERIES / seconds, millis[QUERIES / 2], millis[(int) (QUERIES * 0.99)]);
    }

    private static void load(ContextStore store) {
        Random random = new Random(3);
        List<ContextDocument> batch = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            batch.add(document(i, random));
            if (batch.size() == 1_000) {
                store.upsert(batch);
                batch.clear();
            }
        }
        store.upsert(batch);
    }

    static ContextDocument document(int i, Random random) {
        int customer = i % CUSTOMERS;
        String source = SOURCES[(i / 3) % SOURCES.length];
        String day = Instant.parse("2025-01-01T00:00:00Z").plusSeconds(random.nextInt(730) * 86_400L).toString();
        int text = random.nextInt(TEXTS);
        String json;
        String type;
        String id;
        switch (i % 3) {
            case 0 -> {
                type = "customer";
                // the first 5,000 are the customers events and invoices point at; the rest are the same people as
                // other sources know them (same e-mail), so profiles link several records
                if (i < CUSTOMERS * 3) {
                    source = SOURCES[customer % SOURCES.length];
                }
                id = i < CUSTOMERS * 3 ? customerId(customer) : "customer:" + source + ":extra" + i;
                json = "{\"id\":\"" + id + "\",\"type\":\"customer\",\"source\":\"" + source + "\",\"name\":\"Person "
                        + customer + "\",\"emails\":[\"person" + customer + "@example.com\"],\"updatedAt\":\"" + day
                        + "\",\"provenance\":{\"receivedAt\":\"" + day + "\"}}";
            }
            case 1 -> {
                type = "event";
                id = "event:" + source + ":e" + i;
                json = "{\"id\":\"" + id + "\",\"type\":\"event\",\"source\":\"" + source + "\",\"eventType\":"
                        + "\"message.received\",\"occurredAt\":\"" + day + "\",\"text\":\"" + texts.get(text)
                        + "\",\"customer\":{\"id\":\"" + customerId(customer) + "\"},\"provenance\":{\"receivedAt\":\""
                        + day + "\"}}";
            }
            default -> {
                type = "invoice";
                id = "invoice:stripe:in" + i;
                json = "{\"id\":\"" + id + "\",\"type\":\"invoice\",\"source\":\"stripe\",\"status\":\""
                        + (i % 4 == 0 ? "open" : "paid") + "\",\"currency\":\"eur\",\"total\":" + (i % 9000)
                        + ",\"issuedAt\":\"" + day + "\",\"customer\":{\"id\":\"" + customerId(customer)
                        + "\"},\"provenance\":{\"receivedAt\":\"" + day + "\"}}";
            }
        }
        return new ContextDocument(id, type, source, 1, json, texts.get(text), perturbed(vectors.get(text), random),
                "bench");
    }

    static String customerId(int customer) {
        return "customer:" + SOURCES[customer % SOURCES.length] + ":c" + customer;
    }

    private static float[] perturbed(float[] vector, Random random) {
        float[] copy = new float[vector.length];
        double norm = 0;
        for (int d = 0; d < vector.length; d++) {
            copy[d] = vector[d] + (float) (random.nextGaussian() * 0.01);
            norm += copy[d] * copy[d];
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int d = 0; d < copy.length; d++) {
            copy[d] *= scale;
        }
        return copy;
    }
}
