package io.contexthub.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.util.Utils;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real bundled model on ONNX Runtime: no stub stands in for the embeddings. */
class OnnxEmbedderTest {

    static OnnxEmbedder embedder;

    @BeforeAll
    static void load() {
        embedder = OnnxEmbedder.load(EmbeddingProperties.defaults());
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }

    @Test
    void loadsTheBundledModelOffline() {
        assertThat(System.getProperty(OfflineMode.DJL_OFFLINE)).isEqualTo("true");
        assertThat(Utils.isOfflineMode()).isTrue();
        assertThat(embedder.modelId()).isEqualTo("all-minilm-l6-v2");
    }

    @Test
    void producesUnitLength384DimensionalVectors() {
        float[] vector = embedder.embed("When will my order be delivered?");

        assertThat(vector).hasSize(384);
        assertThat(embedder.dimensions()).isEqualTo(384);
        assertThat(cosine(vector, vector)).isCloseTo(1.0, within(1e-4));
    }

    @Test
    void aParaphraseIsCloserThanAnUnrelatedSentence() {
        List<float[]> v = embedder.embed(List.of(
                "I placed an order last week. When will it be delivered?",
                "Where is my parcel? It has not arrived yet.",
                "Please reset my password, I cannot log in."));

        assertThat(cosine(v.get(0), v.get(1))).isGreaterThan(cosine(v.get(0), v.get(2)) + 0.15);
    }

    @Test
    void batchingAndPaddingDoNotChangeTheVectorsOrTheirOrder() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            texts.add(i % 2 == 0 ? "short text " + i
                    : "a considerably longer text that forces padding of the shorter ones, number " + i);
        }
        List<float[]> batched = embedder.embed(texts);

        assertThat(batched).hasSize(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            assertThat(cosine(batched.get(i), embedder.embed(texts.get(i))))
                    .as("text %d", i).isCloseTo(1.0, within(1e-4));
        }
    }

    @Test
    void theQuantizedModelIsItsOwnModelWithAlmostTheSameVectors() {
        var int8 = EmbeddingProperties.bundled(EmbeddingProperties.BundledModel.ALL_MINILM_L6_V2_Q);
        List<String> texts = List.of("Where is my parcel? It has not arrived yet.",
                "Invoice INV-2041 for 1,200.00 EUR is overdue since March.");
        try (OnnxEmbedder quantized = OnnxEmbedder.load(int8)) {
            assertThat(quantized.modelId()).isEqualTo("all-minilm-l6-v2-q").isNotEqualTo(embedder.modelId());
            List<float[]> small = quantized.embed(texts);
            List<float[]> full = embedder.embed(texts);
            for (int i = 0; i < texts.size(); i++) {
                assertThat(small.get(i)).hasSize(384);
                assertThat(cosine(small.get(i), full.get(i))).as(texts.get(i)).isGreaterThan(0.95);
            }
        }
    }

    @Test
    void aModelGivenByDirectoryIsNamedByItsWeights(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path model = java.nio.file.Files.createDirectories(dir.resolve("my-model"));
        java.nio.file.Files.write(model.resolve("model.onnx"), new byte[] {1, 2, 3});
        String first = OnnxEmbedder.directoryModelId(model);

        java.nio.file.Files.write(model.resolve("model.onnx"), new byte[] {1, 2, 4});

        assertThat(first).startsWith("my-model@");
        assertThat(OnnxEmbedder.directoryModelId(model)).startsWith("my-model@").isNotEqualTo(first);
    }
}
