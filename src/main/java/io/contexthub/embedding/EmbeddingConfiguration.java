package io.contexthub.embedding;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class EmbeddingConfiguration {

    @Bean(destroyMethod = "close")
    public OnnxEmbedder embedder(EmbeddingProperties properties) {
        return OnnxEmbedder.load(properties);
    }
}
