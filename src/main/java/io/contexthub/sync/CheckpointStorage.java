package io.contexthub.sync;

import java.util.Locale;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Where sync checkpoints, leases and sealed credentials live: {@code hub.checkpoints.store} = {@code file} (under
 * {@code hub.data-dir}, one hub per directory) or {@code opensearch} (shared by every instance). Unset, it follows
 * {@code hub.store}: a hub that keeps its context in OpenSearch usually runs several instances, which must share
 * their checkpoints and leases.
 */
public enum CheckpointStorage {
    file, opensearch;

    public static final String PROPERTY = "hub.checkpoints.store";

    public static CheckpointStorage of(Environment environment) {
        String chosen = environment.getProperty(PROPERTY);
        if (chosen == null || chosen.isBlank()) {
            return "opensearch".equals(environment.getProperty("hub.store")) ? opensearch : file;
        }
        try {
            return valueOf(chosen.trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(PROPERTY + " must be file or opensearch, not '" + chosen + "'");
        }
    }

    /** Matches when checkpoints are files. */
    public static class InFiles implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return of(context.getEnvironment()) == file;
        }
    }

    /** Matches when checkpoints are in OpenSearch. */
    public static class InOpenSearch implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return of(context.getEnvironment()) == opensearch;
        }
    }
}
