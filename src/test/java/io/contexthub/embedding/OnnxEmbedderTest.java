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
        embedder = OnnxEmbedder.load(new EmbeddingProperties(null, 2, 8, 256));
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
}
