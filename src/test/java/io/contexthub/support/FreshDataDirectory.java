package io.contexthub.support;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives each hub a test starts its own {@code hub.data-dir} under target/, so a context never reads what another
 * left behind (spool files, checkpoints, a Lucene index). A test reads it back as {@code @Value("${hub.data-dir}")}.
 */
public class FreshDataDirectory implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Path dir = Path.of("target", "hub-test-" + UUID.randomUUID());
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("freshDataDirectory",
                Map.of("hub.data-dir", dir.toString())));
    }
}
