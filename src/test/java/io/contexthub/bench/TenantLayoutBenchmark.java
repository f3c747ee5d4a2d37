package io.contexthub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.store.ContextDocument;
import io.contexthub.store.ContextStore;
import io.contexthub.store.SearchFilters;
import io.contexthub.store.SearchQuery;
import io.contexthub.store.opensearch.OpenSearchContextStore;
import io.contexthub.store.opensearch.OpenSearchProperties;
import io.contexthub.support.OpenSearchTestNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What isolating tenants costs on OpenSearch, to choose how (issue #15): the same documents of
 * {@code -Dbench.tenants} tenants (50) × {@code -Dbench.tenant.docs} (2,000) stored either in one set of indices
 * with every query filtered to one tenant, or in a set of indices per tenant (an index prefix each). Indexing rate,
 * search latency for one tenant's query, size on disk, shards, and the node's heap and segment memory.
 * {@code ./mvnw test -Pbenchmark -Dtest=TenantLayoutBenchmark}; figures in docs/performance.md.
 */
@Tag("benchmark")
class TenantLayoutBenchmark {

    static final int TENANTS = Integer.getInteger("bench.tenants", 50);
    static final int DOCS = Integer.getInteger("bench.tenant.docs", 2_000);
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void corpus() {
        ContextQueryBenchmark.corpus();
    }

    @AfterAll
    static void close() {
        ContextQueryBenchmark.close();
    }

    @Test
    void sharedIndicesWithATenantFilterAgainstIndicesPerTenant() throws Exception {
        String run = "tl" + System.nanoTime();
        System.out.printf("%n=== Context Hub benchmark (tenant layouts, OpenSearch, %d tenants x %,d documents) ===%n",
                TENANTS, DOCS);
        Stats before = stats("*");
        try (OpenSearchContextStore shared = store(run + "-shared")) {
            long start = System.nanoTime();
            for (int t = 0; t < TENANTS; t++) {
                load(shared, t);
            }
            shared.refresh();
            double seconds = (System.nanoTime() - start) / 1e9;
            Random pick = new Random(1);
            double[] search = ScaleBenchmark.time(i -> shared.search(new SearchQuery(ScaleBenchmark.query(i),
                    ScaleBenchmark.vector(i), null, 10, new SearchFilters(null, "t" + pick.nextInt(TENANTS), null, null,
                    null, null, null, false), null)));
            report("shared indices + tenant filter", seconds, search, stats(run + "-shared*"), before);
        }
        List<OpenSearchContextStore> stores = new ArrayList<>();
        try {
            long start = System.nanoTime();
            for (int t = 0; t < TENANTS; t++) {
                OpenSearchContextStore store = store(run + "-t" + t);
                stores.add(store);
                load(store, t);
            }
            stores.forEach(OpenSearchContextStore::refresh);
            double seconds = (System.nanoTime() - start) / 1e9;
            Random pick = new Random(1);
            double[] search = ScaleBenchmark.time(i -> stores.get(pick.nextInt(TENANTS)).search(new SearchQuery(
                    ScaleBenchmark.query(i), ScaleBenchmark.vector(i), null, 10)));
            report("indices per tenant", seconds, search, stats(run + "-t*"), before);
        } finally {
            for (OpenSearchContextStore store : stores) {
                store.close();
            }
        }
    }

    private static OpenSearchContextStore store(String prefix) {
        return new OpenSearchContextStore(new OpenSearchProperties(URI.create(OpenSearchTestNode.url()), prefix, null,
                null, 0, "false"), JSON);
    }

    /** Tenant {@code t}'s documents: the generated corpus, each renamed into the tenant (its source is the tenant). */
    private static void load(ContextStore store, int tenant) {
        Random random = new Random(tenant);
        List<ContextDocument> batch = new ArrayList<>();
        for (int i = 0; i < DOCS; i++) {
            ContextDocument d = ContextQueryBenchmark.document(i, random);
            String id = d.type() + ":t" + tenant + ":" + i;
            batch.add(new ContextDocument(id, d.type(), "t" + tenant, 1, d.json(), d.text(), d.vector(), "bench"));
            if (batch.size() == 1_000) {
                store.upsert(batch);
                batch.clear();
            }
        }
        store.upsert(batch);
    }

    private static void report(String layout, double seconds, double[] search, Stats after, Stats before) {
        System.out.printf("%-32s indexed %,.0f documents/s; search p50 %.1f ms p99 %.1f ms; %d shards; on disk %,.0f MB;"
                + " node heap %,.0f MB (%+,.0f), segment memory %,.1f MB%n", layout, TENANTS * DOCS / seconds,
                search[0], search[1], after.shards(), after.bytes() / 1e6, after.heap() / 1e6,
                (after.heap() - before.heap()) / 1e6, after.segmentMemory() / 1e6);
    }

    private record Stats(long bytes, int shards, long heap, long segmentMemory) {
    }

    private static Stats stats(String indices) throws Exception {
        JsonNode store = get("/" + indices + "/_stats/store,segments");
        JsonNode nodes = get("/_nodes/stats/jvm");
        long heap = 0;
        for (JsonNode node : nodes.path("nodes")) {
            heap += node.path("jvm").path("mem").path("heap_used_in_bytes").asLong();
        }
        return new Stats(store.path("_all").path("total").path("store").path("size_in_bytes").asLong(),
                store.path("_shards").path("total").asInt(), heap,
                store.path("_all").path("total").path("segments").path("memory_in_bytes").asLong());
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                OpenSearchTestNode.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }
}
