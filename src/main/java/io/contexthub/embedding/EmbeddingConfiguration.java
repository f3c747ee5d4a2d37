package io.contexthub.embedding;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class EmbeddingConfiguration {

    /** Checked now (fail fast, naming the property), loaded in the background (docs/performance.md, restarts). */
    @Bean(destroyMethod = "close")
    public BackgroundEmbedder embedder(EmbeddingProperties properties) {
        OnnxEmbedder.check(properties);
        return new BackgroundEmbedder(() -> OnnxEmbedder.load(properties));
    }
}
