package io.contexthub.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.embedding.EmbeddingProperties;
import io.contexthub.embedding.EmbeddingText;
import io.contexthub.embedding.OnnxEmbedder;
import io.contexthub.mapping.CanonicalSchemas;
import io.contexthub.platform.Assets;
import io.contexthub.platform.HubProperties;
import io.contexthub.store.ContextDocument;
import io.contexthub.store.ContextStore;
import io.contexthub.store.LuceneContextStore;
import io.contexthub.store.SearchHit;
import io.contexthub.store.SearchQuery;
import io.contexthub.store.opensearch.OpenSearchContextStore;
import io.contexthub.store.opensearch.OpenSearchProperties;
import io.contexthub.support.OpenSearchTestNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ranking quality gate: the labelled queries of {@code evaluation/ranking-set.yaml} over its documents and
 * 5,200 generated distractors, on both stores, rendered and embedded exactly as the pipeline does. Recall@5 and
 * MRR (over the top 10) must stay at or above the goals; the figures per kind of query are printed and written to
 * {@code target/ranking-quality.txt} (docs/performance.md reports them).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RankingQualityTest {

    static final int DISTRACTORS = 5_200;
    static final double RECALL_GOAL = 0.95;
    static final double MRR_GOAL = 0.90;

    /** The corpus and the queries embedded by one model. */
    record Embedded(List<ContextDocument> corpus, Map<String, float[]> queryVectors) {
    }

    List<EvaluationCorpus.Query> queries;
    List<ObjectNode> documents;
    List<String> rendered;
    Embedded fp32;

    @TempDir
    Path dir;

    @BeforeAll
    void embedTheCorpus() {
        Assets assets = new Assets(new HubProperties(Path.of("target"), Path.of("").toAbsolutePath(),
                HubProperties.Staging.spool, HubProperties.Store.lucene));
        EmbeddingText texts = new EmbeddingText(assets, new ObjectMapper());
        CanonicalSchemas schemas = new CanonicalSchemas(assets);
        var set = EvaluationCorpus.set();
        queries = EvaluationCorpus.queries(set);
        documents = new ArrayList<>(EvaluationCorpus.labelled(set));
        documents.addAll(EvaluationCorpus.distractors(DISTRACTORS, set));
        rendered = new ArrayList<>();
        for (ObjectNode document : documents) {
            String entity = document.path("type").asText();
            assertThat(schemas.violations(entity, document)).as(document.path("id").asText()).isEmpty();
            rendered.add(texts.render(entity, document));
        }
        fp32 = embed(EmbeddingProperties.defaults());
    }

    Embedded embed(EmbeddingProperties model) {
        try (OnnxEmbedder embedder = OnnxEmbedder.load(model)) {
            List<float[]> vectors = embedder.embed(rendered);
            List<ContextDocument> corpus = new ArrayList<>();
            for (int i = 0; i < documents.size(); i++) {
                ObjectNode document = documents.get(i);
                corpus.add(new ContextDocument(document.path("id").asText(), document.path("type").asText(),
                        document.path("source").asText(), 1, document.toString(), rendered.get(i), vectors.get(i),
                        "h"));
            }
            Map<String, float[]> queryVectors = new TreeMap<>();
            for (EvaluationCorpus.Query query : queries) {
                queryVectors.put(query.text(), embedder.embed(query.text()));
            }
            return new Embedded(corpus, queryVectors);
        }
    }

    @Test
    void theSetIsBigAndVariedEnough() {
        assertThat(queries).hasSizeGreaterThanOrEqualTo(50);
        assertThat(queries).extracting(EvaluationCorpus.Query::kind).contains("paraphrase", "keyword", "identifier",
                "entity", "cross-source");
        assertThat(fp32.corpus()).hasSizeGreaterThanOrEqualTo(5_000);
    }

    @Test
    void lucene() throws IOException {
        try (LuceneContextStore store = new LuceneContextStore(dir.resolve("index"))) {
            evaluate("Lucene", store, fp32);
        }
    }

    @Test
    void openSearch() throws IOException {
        try (OpenSearchContextStore store = new OpenSearchContextStore(new OpenSearchProperties(
                URI.create(OpenSearchTestNode.url()), "rank" + UUID.randomUUID().toString().substring(0, 8), null,
                null, 0, "true"), new ObjectMapper())) {
            evaluate("OpenSearch", store, fp32);
        }
    }

    /**
     * The int8 model (hub.embedding.model=all-minilm-l6-v2-q) against fp32 on the same set and the same store
     * (Lucene, hybrid ranking as the hub searches). Measured on this set: it loses one to two relevant documents
     * from the top 5 over 59 queries (recall@5 about 1.7 points lower, MRR within a point), so the bound asserted
     * here is what docs/performance.md promises: at most 2.5 points of recall@5 and of MRR. The ranking by vectors
     * alone (exact nearest neighbours, only the model differs) is reported beside it.
     */
    @Test
    void theQuantizedModelRanksAlmostExactlyAsTheFullOne() throws IOException {
        Embedded int8 = embed(EmbeddingProperties.bundled(EmbeddingProperties.BundledModel.ALL_MINILM_L6_V2_Q));
        RankingScores full;
        RankingScores small;
        try (LuceneContextStore fp32Store = new LuceneContextStore(dir.resolve("index-fp32"));
             LuceneContextStore int8Store = new LuceneContextStore(dir.resolve("index-int8"))) {
            full = evaluate("Lucene fp32", fp32Store, fp32, true);
            small = evaluate("Lucene int8", int8Store, int8, false);
        }
        RankingScores fullVectors = vectorsOnly(fp32);
        RankingScores smallVectors = vectorsOnly(int8);
        String report = String.format("hybrid (Lucene): fp32 recall@5 %.4f MRR %.4f; int8 recall@5 %.4f MRR %.4f%n"
                + "vectors only (exact): fp32 recall@5 %.4f MRR %.4f; int8 recall@5 %.4f MRR %.4f%n",
                full.recallAt5(), full.mrr(), small.recallAt5(), small.mrr(), fullVectors.recallAt5(),
                fullVectors.mrr(), smallVectors.recallAt5(), smallVectors.mrr());
        System.out.println(report);
        Files.writeString(Path.of("target", "ranking-quality-int8.txt"), report);
        assertThat(full.recallAt5() - small.recallAt5()).as(report).isLessThanOrEqualTo(0.025);
        assertThat(full.mrr() - small.mrr()).as(report).isLessThanOrEqualTo(0.025);
    }

    /** Exact nearest neighbours by cosine (vectors are unit length), no keyword side: the model alone. */
    private RankingScores vectorsOnly(Embedded embedded) {
        RankingScores scores = new RankingScores();
        for (EvaluationCorpus.Query query : queries) {
            float[] q = embedded.queryVectors().get(query.text());
            List<String> ranked = embedded.corpus().stream()
                    .sorted(java.util.Comparator.comparingDouble((ContextDocument d) -> -dot(q, d.vector())))
                    .limit(10).map(ContextDocument::id).toList();
            scores.add(query.kind(), ranked, query.relevant());
        }
        return scores;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private RankingScores evaluate(String name, ContextStore store, Embedded embedded) throws IOException {
        return evaluate(name, store, embedded, true);
    }

    /** Ranks every query; with {@code goals}, asserts the recall and MRR goals. */
    private RankingScores evaluate(String name, ContextStore store, Embedded embedded, boolean goals)
            throws IOException {
        List<ContextDocument> corpus = embedded.corpus();
        for (int from = 0; from < corpus.size(); from += 1_000) {
            store.upsert(corpus.subList(from, Math.min(corpus.size(), from + 1_000)));
        }
        RankingScores scores = new RankingScores();
        List<String> misses = new ArrayList<>();
        for (EvaluationCorpus.Query query : queries) {
            List<String> ranked = store.search(new SearchQuery(query.text(), embedded.queryVectors().get(query.text()), null, 10))
                    .stream().map(SearchHit::id).toList();
            int rank = scores.add(query.kind(), ranked, query.relevant());
            if (rank != 1) {
                misses.add(String.format("  %-12s rank %-3s %s -> %s", query.kind(), rank == 0 ? ">10" : rank,
                        query.text(), ranked.subList(0, Math.min(3, ranked.size()))));
            }
        }
        String report = name + ", " + corpus.size() + " documents, " + queries.size() + " queries\n" + scores.table()
                + (misses.isEmpty() ? "" : "not first:\n" + String.join("\n", misses) + "\n");
        System.out.println(report);
        Path out = Path.of("target", "ranking-quality-" + name.toLowerCase().replace(' ', '-') + ".txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        if (goals) {
            assertThat(scores.recallAt5()).as(report).isGreaterThanOrEqualTo(RECALL_GOAL);
            assertThat(scores.mrr()).as(report).isGreaterThanOrEqualTo(MRR_GOAL);
        }
        return scores;
    }
}
