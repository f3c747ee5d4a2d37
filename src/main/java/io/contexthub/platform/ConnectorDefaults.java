package io.contexthub.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/**
 * A connector declares its sync streams once, in its descriptor: {@code syncs.<stream>.settings} of
 * {@code connectors/<id>/connector.yaml} holds the stream's default schedule and, where the connector has one, its
 * query. This adds them as {@code hub.connectors.<id>.streams.<stream>.<setting>}, the environment's last source, so
 * configuration overrides any of them and a new stream needs no edit to application.yaml or to a Java class.
 */
public class ConnectorDefaults implements EnvironmentPostProcessor {

    public static final String SOURCE = "hubConnectorDefaults";
    private static final Pattern SETTING = Pattern.compile("syncs\\.([^.]+)\\.settings\\.(.+)");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE,
                defaults(AssetFiles.root(environment))));
    }

    /** Every descriptor's stream settings, under the names the connectors' properties bind. */
    static Map<String, Object> defaults(String root) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        for (AssetFiles.AssetFile file : AssetFiles.list(root, "connectors/*/connector.yaml")) {
            try {
                for (PropertySource<?> document : new YamlPropertySourceLoader().load(file.location(),
                        file.resource())) {
                    var properties = (EnumerablePropertySource<?>) document;
                    Object id = properties.getProperty("id");
                    if (id == null) {
                        throw new IllegalStateException(file.location() + " has no id");
                    }
                    for (String name : properties.getPropertyNames()) {
                        Matcher setting = SETTING.matcher(name);
                        if (setting.matches()) {
                            defaults.put("hub.connectors." + id + ".streams." + setting.group(1) + "."
                                    + setting.group(2), String.valueOf(properties.getProperty(name)));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file.location(), e);
            }
        }
        return defaults;
    }
}
