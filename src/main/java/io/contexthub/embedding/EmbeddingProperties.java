package io.contexthub.embedding;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Embedding model settings ({@code hub.embedding.*}).
 *
 * @param model           the bundled model: {@code all-minilm-l6-v2} (fp32) or {@code all-minilm-l6-v2-q} (int8,
 *                        2.5 to 2.7 times faster here, vectors within cosine 0.95 of fp32; docs/performance.md)
 * @param modelDir        optional directory holding {@code model.onnx} and {@code tokenizer.json} of a
 *                        MiniLM-compatible model; replaces the bundled one
 * @param intraOpThreads  ONNX Runtime threads per inference; 2 beats 1 by 50-90% on two cores
 * @param batchSize       at most this many texts per inference call
 * @param batchTokens     at most this many padded tokens (texts times the longest of them) per inference call
 * @param maxTokens       longer texts are truncated; MiniLM was trained on 256 word pieces
 * @param spin            whether ONNX Runtime's threads spin-wait between operators; off by default, because the
 *                        spinning takes the cores the rest of the pipeline needs (docs/performance.md)
 */
@Validated
@ConfigurationProperties("hub.embedding")
public record EmbeddingProperties(
        @DefaultValue("all-minilm-l6-v2") BundledModel model,
        Path modelDir,
        @Positive @DefaultValue("2") int intraOpThreads,
        @Positive @DefaultValue("16") int batchSize,
        @Positive @DefaultValue("4096") int batchTokens,
        @Positive @Max(512) @DefaultValue("256") int maxTokens,
        @DefaultValue("false") boolean spin) {

    /** The models inside the jar; the name is the model id stored with every vector. */
    public enum BundledModel {
        ALL_MINILM_L6_V2("all-minilm-l6-v2"),
        ALL_MINILM_L6_V2_Q("all-minilm-l6-v2-q");

        private final String id;

        BundledModel(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public String onnxResource() {
            return id + ".onnx";
        }

        public String tokenizerResource() {
            return id + "-tokenizer.json";
        }
    }

    /** The bundled fp32 model with the default settings. */
    public static EmbeddingProperties defaults() {
        return bundled(BundledModel.ALL_MINILM_L6_V2);
    }

    /** A bundled model with the default settings. */
    public static EmbeddingProperties bundled(BundledModel model) {
        return new EmbeddingProperties(model, null, 2, 16, 4096, 256, false);
    }
}
