package io.contexthub.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The declarative assets (routes/, mappings/, canonical-model/, connectors/) read at run time. They are packaged
 * in the jar under {@code hub/}; when {@code hub.assets-dir} is set, that directory replaces them as a whole, so
 * what an integrator sees in one folder is exactly what runs.
 */
@Component
public class Assets {

    static final String PACKAGED_ROOT = "classpath:hub/";
    static final String[] REQUIRED_FOLDERS = {"routes", "mappings", "canonical-model", "connectors"};

    private final String root;
    private final ResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();

    public Assets(HubProperties properties) {
        if (properties.assetsDir() == null) {
            root = PACKAGED_ROOT;
        } else {
            var dir = properties.assetsDir().toAbsolutePath().normalize();
            for (String folder : REQUIRED_FOLDERS) {
                if (!Files.isDirectory(dir.resolve(folder))) {
                    throw new IllegalStateException("hub.assets-dir=" + dir + " has no " + folder
                            + "/ folder; it must hold a complete copy of routes/, mappings/, canonical-model/ and connectors/");
                }
            }
            root = dir.toUri().toString();
        }
    }

    /** True when the assets are a directory ({@code hub.assets-dir}) whose files may change while the hub runs. */
    public boolean editable() {
        return !root.startsWith("classpath:");
    }

    /** Where the assets come from, for logs and the status API. */
    public String root() {
        return root;
    }

    public Resource resource(String relativePath) {
        return resolver.getResource(root + relativePath);
    }

    public String read(String relativePath) {
        Resource resource = resource(relativePath);
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read asset " + relativePath + " from " + root, e);
        }
    }

    /** Files matching a pattern such as {@code mappings/frontapp/*.jsonata}, sorted by name. */
    public List<Resource> list(String pattern) {
        String prefix = root.startsWith("classpath:") ? "classpath*:" + root.substring("classpath:".length()) : root;
        try {
            return Arrays.stream(resolver.getResources(prefix + pattern))
                    .filter(Resource::exists)
                    .sorted(Comparator.comparing(r -> String.valueOf(r.getFilename())))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list assets " + pattern + " in " + root, e);
        }
    }
}
