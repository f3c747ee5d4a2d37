package io.contexthub.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Asset files found before the application context exists (for the environment post-processors), the same way
 * from the packaged jar, a directory classpath and {@code hub.assets-dir}. {@link Assets} serves the running hub.
 */
final class AssetFiles {

    static final String PACKAGED = "classpath:hub/";

    /** A file and the location Camel or Spring resolves it by. */
    record AssetFile(Resource resource, String relativePath, String location) {
    }

    private AssetFiles() {
    }

    /** {@code classpath:hub/}, or the assets directory as a file URI. */
    static String root(Environment environment) {
        String assetsDir = environment.getProperty("hub.assets-dir");
        return assetsDir == null || assetsDir.isBlank() ? PACKAGED
                : Path.of(assetsDir).toAbsolutePath().normalize().toUri().toString();
    }

    /** The files matching a pattern such as {@code connectors/*}{@code /connector.yaml}, sorted by location. */
    static List<AssetFile> list(String root, String pattern) {
        var resolver = new PathMatchingResourcePatternResolver(AssetFiles.class.getClassLoader());
        try {
            return Arrays.stream(resolver.getResources(root + pattern))
                    .filter(Resource::exists)
                    .map(resource -> file(root, pattern, resource))
                    .sorted(Comparator.comparing(AssetFile::location))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + pattern, e);
        }
    }

    /**
     * {@code classpath:hub/routes/api.yaml} for a packaged file (its jar URL would not survive a repackaged jar),
     * the file URI for one in an assets directory.
     */
    private static AssetFile file(String root, String pattern, Resource resource) {
        String top = "/" + pattern.substring(0, pattern.indexOf('/') + 1);
        try {
            String url = resource.getURL().toString();
            String relative = url.substring(url.lastIndexOf(top) + 1);
            String location = root.startsWith("classpath:") ? root + relative
                    : "file:" + resource.getFile().toPath().toAbsolutePath().normalize();
            return new AssetFile(resource, relative, location);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
