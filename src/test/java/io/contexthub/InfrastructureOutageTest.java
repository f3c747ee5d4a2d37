package io.contexthub;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Value;

/** The store outage on the embedded spool: staged means a file in spool/inbound, dead letters are files. */
class InfrastructureOutageTest extends StoreOutageScenario {

    @Value("${hub.data-dir}")
    Path data;

    @Override
    long staged() throws IOException {
        return files("spool/inbound");
    }

    @Override
    long deadLetters() throws IOException {
        return files("deadletters");
    }

    long files(String dir) throws IOException {
        Path path = data.resolve(dir);
        if (!Files.isDirectory(path)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(path)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).count();
        }
    }
}
