package io.contexthub.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class BackgroundEmbedderTest {

    @Test
    void aCallMadeWhileTheModelLoadsWaitsForIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (BackgroundEmbedder embedder = new BackgroundEmbedder(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return OnnxEmbedder.load(EmbeddingProperties.defaults());
        })) {
            CompletableFuture<List<float[]>> call = CompletableFuture.supplyAsync(
                    () -> embedder.embed(List.of("where is my parcel?")));
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !call.isDone());

            release.countDown();

            assertThat(call.get()).singleElement().satisfies(vector -> assertThat(vector).hasSize(384));
            assertThat(embedder.modelId()).isEqualTo("all-minilm-l6-v2");
        }
    }

    @Test
    void aModelThatCannotLoadFailsEveryCallWithTheReason() {
        try (BackgroundEmbedder embedder = new BackgroundEmbedder(() -> {
            throw new IllegalStateException("embedding model cannot be loaded: truncated model.onnx");
        })) {
            assertThatThrownBy(() -> embedder.embed(List.of("x"))).hasMessageContaining("truncated model.onnx");
            assertThatThrownBy(embedder::modelId).hasMessageContaining("could not be loaded");
        }
    }
}
