package io.contexthub.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Every {@code hub.*} default is stated once, on its {@code @ConfigurationProperties} record
 * ({@code @DefaultValue}). Typed beans see it there; route files read settings as property placeholders
 * ({@code {{hub.webhooks.rate-limit.requests}}}), which only see the Environment. This adds the defaults the
 * configuration processor recorded in {@code META-INF/spring-configuration-metadata.json} as the Environment's last
 * source, so routes see the same value as the beans without application.yaml repeating it.
 */
public class ConfigurationDefaults implements EnvironmentPostProcessor {

    public static final String SOURCE = "hubConfigurationDefaults";
    static final String METADATA = "/META-INF/spring-configuration-metadata.json";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, defaults()));
    }

    /** The recorded defaults of the hub's own settings, as strings a placeholder resolves to. */
    static Map<String, Object> defaults() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        try (InputStream in = ConfigurationDefaults.class.getResourceAsStream(METADATA)) {
            if (in == null) {
                throw new IllegalStateException(METADATA + " is missing: the build runs the configuration processor");
            }
            for (JsonNode property : new ObjectMapper().readTree(in).path("properties")) {
                JsonNode value = property.path("defaultValue");
                if (property.path("name").asText().startsWith("hub.") && value.isValueNode() && !value.isNull()) {
                    defaults.put(property.path("name").asText(), value.asText());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + METADATA, e);
        }
        return defaults;
    }
}
