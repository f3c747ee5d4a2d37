package io.contexthub.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.contexthub.connection.ConnectionProperties;
import io.contexthub.connection.ConnectionVault;
import io.contexthub.platform.HubProperties;
import io.contexthub.platform.Secret;
import io.contexthub.sync.CheckpointStore;
import io.contexthub.sync.FileCheckpointStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** For API clients built by hand in unit tests: an empty checkpoint store, so no source is connected. */
public final class NoConnections {

    private NoConnections() {
    }

    public static CheckpointStore store() {
        try {
            return new FileCheckpointStore(Files.createTempDirectory("no-connections"),
                    new ObjectMapper().registerModule(new JavaTimeModule()), Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ConnectionVault vault() {
        return new ConnectionVault(new ConnectionProperties(Secret.valueOf("unit-test-seal"), null, Duration.ofSeconds(5)),
                new HubProperties(Path.of("target"), null, HubProperties.Staging.spool, HubProperties.Store.lucene));
    }
}
