package io.contexthub.webhook;

import io.contexthub.platform.HubProperties;
import java.io.File;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class WebhookConfiguration {

    /** Keys of the most recent deliveries kept in memory and in the file; older keys age out. */
    static final int REMEMBERED_DELIVERIES = 100_000;
    static final long MAX_KEY_FILE_BYTES = 64L * 1024 * 1024;

    /**
     * Provider event ids already staged, so a redelivery is answered 200 and not staged twice. Losing the last
     * keys in a crash is harmless: documents have deterministic ids, so a re-staged event rewrites itself.
     */
    @Bean
    public IdempotentRepository webhookIdempotentRepository(HubProperties hub) {
        File store = hub.dataDir().resolve("idempotency").resolve("webhooks.dat").toFile();
        FileIdempotentRepository repository = new FileIdempotentRepository();
        repository.setFileStore(store);
        repository.setCacheSize(REMEMBERED_DELIVERIES);
        repository.setMaxFileStoreSize(MAX_KEY_FILE_BYTES);
        return repository;
    }

    @Bean
    public FilterRegistrationBean<WebhookRequestFilter> webhookRequestFilter(WebhookProperties properties) {
        var registration = new FilterRegistrationBean<>(new WebhookRequestFilter(properties.maxBodySize().toBytes()));
        registration.addUrlPatterns("/webhooks/*");
        return registration;
    }
}
