package io.contexthub.audit;

import io.contexthub.platform.HubProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Where the audit chain is kept. One chain shared by every instance in OpenSearch when the hub runs on it and has
 * {@code hub.audit.key} (every instance must sign with the same key; {@code store.opensearch}); otherwise the data
 * directory's file: one hub's, or each instance's own chain when instances share OpenSearch without a common key.
 */
@Configuration(proxyBeanMethods = false)
public class AuditStorageConfiguration {

    @Bean
    @Conditional(Local.class)
    public AuditStorage fileAuditStorage(HubProperties hub) {
        return new FileAuditStorage(hub.dataDir().resolve("audit").resolve("audit.jsonl"));
    }

    /** {@code hub.store=opensearch} with {@code hub.audit.key} set. */
    public static final class Shared implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            var environment = context.getEnvironment();
            return "opensearch".equals(environment.getProperty("hub.store"))
                    && StringUtils.hasText(environment.getProperty("hub.audit.key"));
        }
    }

    /** Anything else: the data directory. */
    public static final class Local implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !new Shared().matches(context, metadata);
        }
    }
}
