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
import org.junit.jupiter.api.AfterAll;
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

    OnnxEmbedder embedder;
    List<ContextDocument> corpus;
    List<EvaluationCorpus.Query> queries;
    Map<String, float[]> queryVectors = new TreeMap<>();

    @TempDir
    Path dir;

    @BeforeAll
    void embedTheCorpus() {
        Assets assets = new Assets(new HubProperties(Path.of("target"), Path.of("").toAbsolutePath(),
                HubProperties.Staging.spool, HubProperties.Store.lucene));
        EmbeddingText texts = new EmbeddingText(assets, new ObjectMapper());
        CanonicalSchemas schemas = new CanonicalSchemas(assets);
        embedder = OnnxEmbedder.load(new EmbeddingProperties(null, 2, 8, 256));
        var set = EvaluationCorpus.set();
        queries = EvaluationCorpus.queries(set);
        List<ObjectNode> documents = new ArrayList<>(EvaluationCorpus.labelled(set));
        documents.addAll(EvaluationCorpus.distractors(DISTRACTORS, set));
        List<String> rendered = new ArrayList<>();
        for (ObjectNode document : documents) {
            String entity = document.path("type").asText();
            assertThat(schemas.violations(entity, document)).as(document.path("id").asText()).isEmpty();
            rendered.add(texts.render(entity, document));
        }
        List<float[]> vectors = embedder.embed(rendered);
        corpus = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            ObjectNode document = documents.get(i);
            corpus.add(new ContextDocument(document.path("id").asText(), document.path("type").asText(),
                    document.path("source").asText(), 1, document.toString(), rendered.get(i), vectors.get(i), "h"));
        }
        for (EvaluationCorpus.Query query : queries) {
            queryVectors.put(query.text(), embedder.embed(query.text()));
        }
    }

    @AfterAll
    void close() {
        embedder.close();
    }

    @Test
    void theSetIsBigAndVariedEnough() {
        assertThat(queries).hasSizeGreaterThanOrEqualTo(50);
        assertThat(queries).extracting(EvaluationCorpus.Query::kind).contains("paraphrase", "keyword", "identifier",
                "entity", "cross-source");
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(5_000);
    }

    @Test
    void lucene() throws IOException {
        try (LuceneContextStore store = new LuceneContextStore(dir.resolve("index"))) {
            evaluate("Lucene", store);
        }
    }

    @Test
    void openSearch() throws IOException {
        try (OpenSearchContextStore store = new OpenSearchContextStore(new OpenSearchProperties(
                URI.create(OpenSearchTestNode.url()), "rank" + UUID.randomUUID().toString().substring(0, 8), null,
                null, 0, "true"), new ObjectMapper())) {
            evaluate("OpenSearch", store);
        }
    }

    private void evaluate(String name, ContextStore store) throws IOException {
        for (int from = 0; from < corpus.size(); from += 1_000) {
            store.upsert(corpus.subList(from, Math.min(corpus.size(), from + 1_000)));
        }
        RankingScores scores = new RankingScores();
        List<String> misses = new ArrayList<>();
        for (EvaluationCorpus.Query query : queries) {
            List<String> ranked = store.search(new SearchQuery(query.text(), queryVectors.get(query.text()), null, 10))
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
        Path out = Path.of("target", "ranking-quality-" + name.toLowerCase() + ".txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        assertThat(scores.recallAt5()).as(report).isGreaterThanOrEqualTo(RECALL_GOAL);
        assertThat(scores.mrr()).as(report).isGreaterThanOrEqualTo(MRR_GOAL);
    }
}
