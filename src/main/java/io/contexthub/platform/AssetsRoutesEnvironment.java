package io.contexthub.platform;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points Camel's route loader at {@code <hub.assets-dir>/routes} when an assets directory is configured, so one
 * setting moves all declarative assets. An explicit {@code camel.main.routes-include-pattern} still wins.
 */
public class AssetsRoutesEnvironment implements EnvironmentPostProcessor {

    static final String ROUTES_PATTERN = "camel.main.routes-include-pattern";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String assetsDir = environment.getProperty("hub.assets-dir");
        if (assetsDir == null || assetsDir.isBlank() || isExplicit(environment)) {
            return;
        }
        String routes = "file:" + Path.of(assetsDir).toAbsolutePath().normalize().resolve("routes") + "/*.yaml";
        environment.getPropertySources().addFirst(
                new MapPropertySource("hubAssetsRoutes", Map.of(ROUTES_PATTERN, routes)));
    }

    private static boolean isExplicit(ConfigurableEnvironment environment) {
        return environment.getPropertySources().stream()
                .filter(source -> !source.getName().contains("application"))
                .anyMatch(source -> source.containsProperty(ROUTES_PATTERN)
                        || source.containsProperty("CAMEL_MAIN_ROUTESINCLUDEPATTERN"));
    }
}
