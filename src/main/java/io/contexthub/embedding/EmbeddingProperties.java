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
 * @param modelDir        optional directory holding {@code model.onnx} and {@code tokenizer.json} of a
 *                        MiniLM-compatible model; unset means the bundled all-MiniLM-L6-v2
 * @param intraOpThreads  ONNX Runtime threads per inference; 2 beats 1 by 50-90% on two cores
 * @param batchSize       texts per inference call; 8 is the sweet spot measured on two cores
 * @param maxTokens       longer texts are truncated; MiniLM was trained on 256 word pieces
 */
@Validated
@ConfigurationProperties("hub.embedding")
public record EmbeddingProperties(
        Path modelDir,
        @Positive @DefaultValue("2") int intraOpThreads,
        @Positive @DefaultValue("8") int batchSize,
        @Positive @Max(512) @DefaultValue("256") int maxTokens) {
}
