package io.contexthub.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Decides which route files Camel loads, the same way from the packaged jar, a directory classpath and an
 * assets directory: every {@code routes/*.yaml} (not its subfolders), the consumer of the configured bus,
 * {@code routes/staging/<hub.staging>.yaml}, and a connector's own routes, {@code connectors/<id>/routes.yaml}
 * (few connectors have one: streams and webhook endpoints are generated from their beans). Camel gets the list
 * as explicit locations, because its own wildcard patterns reach into subfolders on a directory classpath but not
 * inside a jar (the jar of 2026-11 loaded no consumer and indexed nothing). Other files of a connector's folder
 * (Salesforce's {@code changes.yaml}) are never listed: the features that need those routes add them. An explicit
 * {@code camel.main.routes-include-pattern} (environment, command line) still wins, for whoever wants to choose
 * by hand.
 */
public class RouteFiles implements EnvironmentPostProcessor {

    static final String INCLUDE = "camel.main.routes-include-pattern";
    static final String EXCLUDE = "camel.main.routes-exclude-pattern";
    static final String PACKAGED = AssetFiles.PACKAGED;

    private final Log log;

    public RouteFiles(DeferredLogFactory logs) {
        this.log = logs.getLog(RouteFiles.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (isExplicit(environment)) {
            log.info("Route files: " + INCLUDE + " is set explicitly to " + environment.getProperty(INCLUDE));
            return;
        }
        String root = AssetFiles.root(environment);
        String staging = environment.getProperty("hub.staging", "spool").trim().toLowerCase(Locale.ROOT);
        List<String> files = locations(root, staging);
        environment.getPropertySources().addFirst(new MapPropertySource("hubRouteFiles",
                Map.of(INCLUDE, String.join(",", files), EXCLUDE, "")));
        log.info("Route files (" + files.size() + ", hub.staging=" + staging + "): " + String.join(", ", files));
    }

    /** The route files for a bus, as locations Camel resolves one by one. */
    static List<String> locations(String root, String staging) {
        List<String> files = new ArrayList<>(list(root, "routes/*.yaml"));
        List<String> consumer = list(root, "routes/staging/" + staging + ".yaml");
        if (consumer.isEmpty()) {
            throw new IllegalStateException("hub.staging=" + staging + " has no consumer route: "
                    + root + "routes/staging/" + staging + ".yaml does not exist (expected spool or kafka)");
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("no route files in " + root + "routes/");
        }
        files.addAll(consumer);
        files.addAll(list(root, "connectors/*/routes.yaml"));
        return files;
    }

    private static List<String> list(String root, String pattern) {
        return AssetFiles.list(root, pattern).stream().map(file -> file.location()).toList();
    }

    private static boolean isExplicit(ConfigurableEnvironment environment) {
        return environment.getPropertySources().stream()
                .filter(source -> !source.getName().contains("application"))
                .anyMatch(source -> source.containsProperty(INCLUDE)
                        || source.containsProperty("CAMEL_MAIN_ROUTESINCLUDEPATTERN"));
    }
}
