package io.contexthub.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.platform.HubProperties;
import io.contexthub.staging.StagedSources;
import io.contexthub.tenant.TenantBound;
import io.contexthub.tenant.Tenants;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The pool the sync-stream template stages a page's records on (its split's {@code executorService}), bound in
 * Camel's registry rather than as a Spring bean: an Executor bean would make Spring Boot drop the task executor
 * that platform-http serves requests with.
 */
@Configuration(proxyBeanMethods = false)
public class SyncConfiguration {

    public static final String STAGING_EXECUTOR = "syncStagingExecutor";

    /** Shared by every sync, so the total staging concurrency stays bounded; Camel shuts it down with itself. */
    @Bean
    public CamelContextConfiguration syncStagingExecutor(SyncProperties properties) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
                camel.getRegistry().bind(STAGING_EXECUTOR, camel.getExecutorServiceManager()
                        .newFixedThreadPool(SyncConfiguration.this, "sync-staging", properties.stagingThreads()));
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {
                // nothing to do once started
            }
        };
    }

    /**
     * The topics staging needs for syncs: one per connector that has streams, those of stream groups included (a
     * connector whose streams all come from configuration, as Salesforce's do, would otherwise get no topic).
     */
    @Bean
    public StagedSources syncStagedSources(List<SyncStream> streams, List<SyncStreamGroup> groups) {
        return () -> {
            Set<String> names = new TreeSet<>();
            streams.forEach(s -> names.add(s.connector()));
            groups.forEach(group -> group.streams().forEach(s -> names.add(s.connector())));
            return names;
        };
    }

    /**
     * Sync checkpoints as files ({@link CheckpointStorage}): under {@code <hub.data-dir>/checkpoints} for the default
     * tenant, {@code <hub.data-dir>/tenants/<id>/checkpoints} for the others.
     */
    @Bean
    @Conditional(CheckpointStorage.InFiles.class)
    public CheckpointStores fileCheckpointStores(HubProperties hub, ObjectMapper mapper, Clock clock) {
        return tenant -> new FileCheckpointStore(Tenants.dataDir(hub.dataDir(), tenant).resolve("checkpoints"), mapper,
                clock);
    }

    /** Every tenant's checkpoint store, opened at start. */
    @Bean(destroyMethod = "close")
    public TenantBound<CheckpointStore> tenantCheckpoints(CheckpointStores stores, Tenants tenants) {
        return new TenantBound<>(tenants, stores::open);
    }

    /** The default tenant's checkpoints: those of the hub's own connectors (closed with the others). */
    @Bean(destroyMethod = "")
    public CheckpointStore checkpointStore(TenantBound<CheckpointStore> checkpoints) {
        return checkpoints.of(Tenants.DEFAULT);
    }
}
