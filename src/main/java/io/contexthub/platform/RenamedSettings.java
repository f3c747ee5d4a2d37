package io.contexthub.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Settings renamed in a release keep working for one more: each deprecated setting of the configuration metadata
 * that names a {@code replacement} and is set anywhere (a file, the environment, the command line) is copied to
 * its new name, just above the source that set it, so an explicit new name still wins; a warning names both.
 * The list is the metadata's (META-INF/additional-spring-configuration-metadata.json), documented in
 * docs/operations.md.
 */
public class RenamedSettings implements EnvironmentPostProcessor {

    static final String SOURCE_PREFIX = "hubRenamedSettings:";

    private final Log log;

    public RenamedSettings(DeferredLogFactory logs) {
        this.log = logs.getLog(RenamedSettings.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, String> renamed = renamed();
        List<PropertySource<?>> sources = new ArrayList<>();
        environment.getPropertySources().forEach(sources::add);
        for (PropertySource<?> source : sources) {
            ConfigurationPropertySource named = ConfigurationPropertySource.from(source);
            if (named == null) {
                continue;
            }
            Map<String, Object> copies = new LinkedHashMap<>();
            renamed.forEach((old, replacement) -> {
                ConfigurationProperty property = named.getConfigurationProperty(ConfigurationPropertyName.of(old));
                boolean alsoNew = named.getConfigurationProperty(ConfigurationPropertyName.of(replacement)) != null;
                if (property != null && !alsoNew) {
                    copies.put(replacement, property.getValue());
                    log.warn("Setting " + old + " (in " + source.getName() + ") is deprecated and will be removed in "
                            + "the next release: set " + replacement + " instead");
                }
            });
            if (!copies.isEmpty()) {
                environment.getPropertySources().addBefore(source.getName(),
                        new MapPropertySource(SOURCE_PREFIX + source.getName(), copies));
            }
        }
    }

    /** Deprecated setting → its replacement, from the configuration metadata. */
    static Map<String, String> renamed() {
        Map<String, String> renamed = new LinkedHashMap<>();
        try (InputStream in = RenamedSettings.class.getResourceAsStream(ConfigurationDefaults.METADATA)) {
            if (in == null) {
                return renamed;
            }
            for (JsonNode property : new ObjectMapper().readTree(in).path("properties")) {
                String replacement = property.path("deprecation").path("replacement").asText("");
                if (!replacement.isEmpty()) {
                    renamed.put(property.path("name").asText(), replacement);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ConfigurationDefaults.METADATA, e);
        }
        return renamed;
    }
}
