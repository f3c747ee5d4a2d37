package io.contexthub.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.store.ContextDocument;
import io.contexthub.store.ContextStore;
import io.contexthub.store.LuceneContextStore;
import io.contexthub.store.SearchFilters;
import io.contexthub.store.SearchQuery;
import io.contexthub.store.opensearch.OpenSearchContextStore;
import io.contexthub.store.opensearch.OpenSearchProperties;
import io.contexthub.support.OpenSearchTestNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Sizing: the generated corpus of {@link ContextQueryBenchmark} loaded in steps up to {@code -Dbench.scale.max}
 * documents (1,000,000 by default), and at every step the indexing rate of that step, the index size on disk and
 * search latency with and without a filter. Run: {@code ./mvnw test -Pbenchmark -Dtest=ScaleBenchmark#lucene}
 * (or {@code #openSearch}); figures in docs/performance.md.
 */
@Tag("benchmark")
class ScaleBenchmark {

    static final int[] STEPS = {100_000, 250_000, 500_000, 1_000_000};
    static final int QUERIES = 200;

    @BeforeAll
    static void corpus() {
        ContextQueryBenchmark.corpus();
    }

    @AfterAll
    static void close() {
        ContextQueryBenchmark.close();
    }

    @Test
    void lucene() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "bench-scale-");
        try (LuceneContextStore store = new LuceneContextStore(dir.resolve("index"))) {
            grow("Lucene", store, () -> sizeOf(dir.resolve("index")));
        }
    }

    @Test
    void openSearch() throws Exception {
        String prefix = "scale" + System.nanoTime();
        OpenSearchProperties properties = new OpenSearchProperties(URI.create(OpenSearchTestNode.url()), prefix, null,
                null, 0, "false");
        try (OpenSearchContextStore store = new OpenSearchContextStore(properties, new ObjectMapper())) {
            grow("OpenSearch", store, () -> openSearchSize(prefix));
        }
    }

    interface Size {
        long bytes() throws Exception;
    }

    private static void grow(String name, ContextStore store, Size size) throws Exception {
        int max = Integer.getInteger("bench.scale.max", 1_000_000);
        Random random = new Random(3);
        int loaded = 0;
        System.out.printf("%n=== Context Hub benchmark (scale, %s) ===%n", name);
        for (int step : STEPS) {
            if (step > max) {
                break;
            }
            long start = System.nanoTime();
            List<ContextDocument> batch = new ArrayList<>();
            for (; loaded < step; loaded++) {
                batch.add(ContextQueryBenchmark.document(loaded, random));
                if (batch.size() == 1_000) {
                    store.upsert(batch);
                    batch.clear();
                }
            }
            store.upsert(batch);
            store.refresh();
            double seconds = (System.nanoTime() - start) / 1e9;
            Random pick = new Random(step);
            var unfiltered = time(i -> store.search(new SearchQuery(query(i), vector(i), null, 10)));
            var byCustomer = time(i -> store.search(new SearchQuery(query(i), vector(i), null, 10, new SearchFilters(
                    Set.of(ContextQueryBenchmark.customerId(pick.nextInt(ContextQueryBenchmark.CUSTOMERS))), null,
                    null, null, null, null, null, false), null)));
            System.out.printf("%,9d documents: this step indexed at %,.0f documents/s; on disk %,.0f MB; search p50 "
                    + "%.1f ms p99 %.1f ms; with a customer filter p50 %.1f ms p99 %.1f ms%n", step,
                    (step - (step == STEPS[0] ? 0 : previous(step))) / seconds, size.bytes() / 1e6,
                    unfiltered[0], unfiltered[1], byCustomer[0], byCustomer[1]);
        }
    }

    private static int previous(int step) {
        int index = Arrays.stream(STEPS).boxed().toList().indexOf(step);
        return STEPS[index - 1];
    }

    static String query(int i) {
        return "customer writes about " + ContextQueryBenchmark.TOPICS[i % ContextQueryBenchmark.TOPICS.length];
    }

    static float[] vector(int i) {
        return ContextQueryBenchmark.vectors.get(i % ContextQueryBenchmark.vectors.size());
    }

    /** p50 and p99 in milliseconds of {@link #QUERIES} calls one by one, after 20 to warm up. */
    static double[] time(IntConsumer call) {
        for (int i = 0; i < 20; i++) {
            call.accept(i);
        }
        double[] millis = new double[QUERIES];
        for (int i = 0; i < QUERIES; i++) {
            long t = System.nanoTime();
            call.accept(i);
            millis[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(millis);
        return new double[] {millis[QUERIES / 2], millis[(int) (QUERIES * 0.99)]};
    }

    private static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static long openSearchSize(String prefix) throws Exception {
        HttpResponse<String> stats = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                OpenSearchTestNode.url() + "/" + prefix + "*/_stats/store")).build(),
                HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(stats.body()).path("_all").path("total").path("store")
                .path("size_in_bytes").asLong();
    }
}
