package io.contexthub.sync;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.platform.PrivateFiles;
import io.contexthub.platform.TransientFailureException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Checkpoints as JSON files, {@code <dir>/<connector>.<stream>.json}, each written to a temporary file, forced to
 * disk and renamed over the old one, so a crash leaves the previous checkpoint or the new one, never half of
 * either. Sealed credentials sit beside them as {@code <key>.credential}, readable by the hub's user only.
 * Leases are in memory: the embedded defaults run one hub per data directory. Each stream's run history is
 * {@code <dir>/runs/<connector>.<stream>.json}, newest first, replaced whole like a checkpoint.
 */
public class FileCheckpointStore implements CheckpointStore {

    private final Path dir;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Map<String, Lease> leases = new ConcurrentHashMap<>();

    record Lease(String owner, Instant until) {
    }

    public FileCheckpointStore(Path dir, ObjectMapper mapper, Clock clock) {
        this.dir = dir;
        this.mapper = mapper;
        this.clock = clock;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the checkpoint directory " + dir, e);
        }
    }

    @Override
    public Optional<Checkpoint> get(String connector, String stream) {
        Path file = file(connector, stream);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(mapper.readValue(file.toFile(), Checkpoint.class));
        } catch (IOException e) {
            throw new TransientFailureException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void put(Checkpoint checkpoint) {
        Path file = file(checkpoint.connector(), checkpoint.stream());
        try {
            replace(file, mapper.writeValueAsBytes(checkpoint));
        } catch (IOException e) {
            throw new TransientFailureException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<String> credential(String key) {
        Path file = credentialFile(key);
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.US_ASCII)) : Optional.empty();
        } catch (IOException e) {
            throw new TransientFailureException("cannot read credential file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void putCredential(String key, String sealed) {
        Path file = credentialFile(key);
        try {
            replace(file, sealed.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new TransientFailureException("cannot write credential file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void removeCredential(String key) {
        Path file = credentialFile(key);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new TransientFailureException("cannot remove credential file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void recordRun(SyncRunRecord run) {
        Path file = dir.resolve("runs").resolve(run.connector() + "." + run.stream() + ".json");
        List<SyncRunRecord> kept = new ArrayList<>();
        kept.add(run);
        kept.addAll(runs(run.connector(), run.stream(), SyncRunRecord.KEPT - 1));
        try {
            Files.createDirectories(file.getParent());
            replace(file, mapper.writeValueAsBytes(kept));
        } catch (IOException e) {
            throw new TransientFailureException("cannot write the run history " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<SyncRunRecord> runs(String connector, String stream, int limit) {
        Path file = dir.resolve("runs").resolve(connector + "." + stream + ".json");
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<SyncRunRecord> runs = mapper.readValue(file.toFile(), new TypeReference<List<SyncRunRecord>>() { });
            return runs.subList(0, Math.min(limit, runs.size()));
        } catch (IOException e) {
            throw new TransientFailureException("cannot read the run history " + file + ": " + e.getMessage(), e);
        }
    }

    private synchronized void replace(Path file, byte[] content) throws IOException {
        PrivateFiles.replace(file, content);
    }

    @Override
    public List<Checkpoint> all() {
        List<Checkpoint> checkpoints = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")
                    && !f.getFileName().toString().startsWith(".")).sorted().toList()) {
                checkpoints.add(mapper.readValue(file.toFile(), Checkpoint.class));
            }
        } catch (IOException e) {
            throw new TransientFailureException("cannot list checkpoints in " + dir + ": " + e.getMessage(), e);
        }
        return checkpoints;
    }

    @Override
    public boolean lease(String key, String owner, Duration ttl) {
        Instant now = clock.instant();
        Lease granted = leases.compute(key, (k, current) ->
                current == null || current.owner().equals(owner) || current.until().isBefore(now)
                        ? new Lease(owner, now.plus(ttl)) : current);
        return granted.owner().equals(owner);
    }

    @Override
    public void release(String key, String owner) {
        leases.computeIfPresent(key, (k, current) -> current.owner().equals(owner) ? null : current);
    }

    private Path file(String connector, String stream) {
        return dir.resolve(connector + "." + stream + ".json");
    }

    private Path credentialFile(String key) {
        return dir.resolve(key + ".credential");
    }
}
