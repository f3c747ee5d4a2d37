package io.contexthub;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The store outage on the embedded spool: staged means a file in spool/inbound, dead letters are files. */
class InfrastructureOutageTest extends StoreOutageScenario {

    static final Path DATA = Path.of("target", "outage-" + UUID.randomUUID());

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("hub.data-dir", DATA::toString);
    }

    @Override
    long staged() throws IOException {
        return files("spool/inbound");
    }

    @Override
    long deadLetters() throws IOException {
        return files("deadletters");
    }

    static long files(String dir) throws IOException {
        Path path = DATA.resolve(dir);
        if (!Files.isDirectory(path)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(path)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).count();
        }
    }
}
