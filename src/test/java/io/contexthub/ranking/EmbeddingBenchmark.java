package io.contexthub.ranking;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.embedding.EmbeddingProperties;
import io.contexthub.embedding.EmbeddingProperties.BundledModel;
import io.contexthub.embedding.EmbeddingText;
import io.contexthub.embedding.OnnxEmbedder;
import io.contexthub.platform.Assets;
import io.contexthub.platform.HubProperties;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The embedder alone on the texts the hub really embeds: 2,000 documents of the ranking set (customers, events,
 * invoices and deals of every source, rendered by the hub's templates, shuffled as a micro-batch mixes them).
 * Compares batch shapes (texts per call, padded tokens per call, sorted by length or not) and the fp32 and int8
 * models. Run: {@code ./mvnw test -Pbenchmark -Dtest=EmbeddingBenchmark}; figures in docs/performance.md.
 */
@Tag("benchmark")
class EmbeddingBenchmark {

    static final int TEXTS = 2_000;

    @Test
    void report() {
        List<String> texts = texts();
        StringBuilder report = new StringBuilder("\n=== Context Hub benchmark (embedding, " + TEXTS
                + " rendered documents, 2 intra-op threads) ===\n");
        report.append(String.format("mean length %.0f characters%n",
                texts.stream().mapToInt(String::length).average().orElse(0)));
        for (BundledModel model : BundledModel.values()) {
            for (int[] shape : new int[][] {{8, 1_000_000}, {16, 4096}, {32, 4096}, {32, 8192}, {64, 8192}}) {
                var properties = new EmbeddingProperties(model, null, 2, shape[0], shape[1], 256, false);
                try (OnnxEmbedder embedder = OnnxEmbedder.load(properties)) {
                    embedder.embed(texts.subList(0, 200));
                    long start = System.nanoTime();
                    embedder.embed(texts);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    report.append(String.format("%-20s batch %2d texts, %,9d tokens: %6.0f texts/s%n", model.id(),
                            shape[0], shape[1], texts.size() / seconds));
                }
            }
        }
        System.out.println(report);
    }

    /** ONNX Runtime's threads spinning between operators or not, alone and beside a busy Java thread. */
    @Test
    void spinning() throws Exception {
        List<String> texts = texts();
        for (int[] variant : new int[][] {{2, 1}, {2, 0}, {1, 0}}) {
            boolean spin = variant[1] == 1;
            var properties = new EmbeddingProperties(BundledModel.ALL_MINILM_L6_V2, null, variant[0], 16, 4096, 256,
                    spin);
            try (OnnxEmbedder embedder = OnnxEmbedder.load(properties)) {
                embedder.embed(texts.subList(0, 200));
                long start = System.nanoTime();
                for (int from = 0; from < texts.size(); from += 256) {
                    embedder.embed(texts.subList(from, Math.min(texts.size(), from + 256)));
                }
                double alone = texts.size() / ((System.nanoTime() - start) / 1e9);
                java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
                java.util.concurrent.atomic.AtomicLong work = new java.util.concurrent.atomic.AtomicLong();
                Thread busy = new Thread(() -> {
                    // stands in for mapping and indexing: CPU-bound Java work beside the inference
                    while (!stop.get()) {
                        if (java.util.Arrays.hashCode(new double[4096]) != 0) {
                            work.incrementAndGet();
                        }
                    }
                });
                busy.start();
                start = System.nanoTime();
                long before = work.get();
                for (int from = 0; from < texts.size(); from += 256) {
                    embedder.embed(texts.subList(from, Math.min(texts.size(), from + 256)));
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                long done = work.get() - before;
                stop.set(true);
                busy.join();
                System.out.printf("%d threads, spin %-5s: alone %.0f texts/s; beside a busy thread %.0f texts/s while it did "
                        + "%.0f units/s%n", variant[0], spin, alone, texts.size() / seconds, done / seconds);
            }
        }
    }

    /** Calls of micro-batch size (as the pipeline makes them) against inference batch shapes. */
    @Test
    void callSizes() {
        List<String> texts = texts();
        for (int rows : new int[] {8, 16, 32}) {
            var properties = new EmbeddingProperties(BundledModel.ALL_MINILM_L6_V2, null, 2, rows, 4096, 256, false);
            try (OnnxEmbedder embedder = OnnxEmbedder.load(properties)) {
                embedder.embed(texts.subList(0, 200));
                for (int call : new int[] {64, 128, 256, 2000}) {
                    long start = System.nanoTime();
                    for (int from = 0; from < texts.size(); from += call) {
                        embedder.embed(texts.subList(from, Math.min(texts.size(), from + call)));
                    }
                    System.out.printf("rows %2d, calls of %4d texts: %.0f texts/s%n", rows, call,
                            texts.size() / ((System.nanoTime() - start) / 1e9));
                }
            }
        }
    }

    static List<String> texts() {
        Assets assets = new Assets(new HubProperties(Path.of("target"), Path.of("").toAbsolutePath(),
                HubProperties.Staging.spool, HubProperties.Store.lucene));
        EmbeddingText templates = new EmbeddingText(assets, new ObjectMapper());
        var set = EvaluationCorpus.set();
        List<ObjectNode> documents = new ArrayList<>(EvaluationCorpus.labelled(set));
        documents.addAll(EvaluationCorpus.distractors(TEXTS, set));
        Collections.shuffle(documents, new Random(7));
        List<String> texts = new ArrayList<>();
        for (ObjectNode document : documents.subList(0, TEXTS)) {
            texts.add(templates.render(document.path("type").asText(), document));
        }
        return texts;
    }
}
