package io.contexthub.sync;

import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.context.annotation.Bean;
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
}
