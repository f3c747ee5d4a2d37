package io.contexthub.staging;

import io.contexthub.platform.HubProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Removes, before any route starts, the temporary files a killed hub left in the spool and dead-letter folders.
 * A spool write goes to {@code .tmp-<name>}, is fsync'd and only then renamed; a temporary file is therefore an
 * envelope whose sender never got its 2xx (it retries), and the consumer never reads it (a leading dot hides it).
 */
@Component
@ConditionalOnProperty(name = "hub.staging", havingValue = "spool", matchIfMissing = true)
public class SpoolJanitor {

    static final String TEMP_PREFIX = ".tmp-";
    private static final Logger log = LoggerFactory.getLogger(SpoolJanitor.class);

    public SpoolJanitor(HubProperties hub) {
        int removed = clean(hub.dataDir().resolve("spool").resolve("inbound"))
                + clean(hub.dataDir().resolve("deadletters"));
        if (removed > 0) {
            log.info("removed {} unfinished spool writes left by an earlier stop (their senders were not answered)",
                    removed);
        }
    }

    static int clean(Path folder) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, TEMP_PREFIX + "*")) {
            for (Path file : files) {
                Files.deleteIfExists(file);
                removed++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean unfinished writes in " + folder, e);
        }
        return removed;
    }
}
