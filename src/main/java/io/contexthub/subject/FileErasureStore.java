package io.contexthub.subject;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.platform.HubProperties;
import io.contexthub.platform.TransientFailureException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Erasure jobs on disk ({@code <hub.data-dir>/erasures}), one file each, replaced atomically at every step so a crash
 * leaves the last step's state. The embedded store's: one hub.
 */
public class FileErasureStore implements ErasureStore {

    private final Path dir;
    private final ObjectMapper mapper;

    public FileErasureStore(HubProperties hub, ObjectMapper mapper) {
        this.dir = hub.dataDir().resolve("erasures");
        this.mapper = mapper;
    }

    @Override
    public void put(ErasureJob job) {
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(".tmp-" + job.id() + ".json");
            Files.write(tmp, mapper.writeValueAsBytes(job));
            Files.move(tmp, dir.resolve(job.id() + ".json"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new TransientFailureException("cannot write erasure " + job.id() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<ErasureJob> get(String id) {
        if (!ErasureStore.validId(id) || !Files.exists(dir.resolve(id + ".json"))) {
            return Optional.empty();
        }
        try {
            return Optional.of(mapper.readValue(dir.resolve(id + ".json").toFile(), ErasureJob.class));
        } catch (IOException e) {
            throw new TransientFailureException("cannot read erasure " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<ErasureJob> unfinished() {
        List<ErasureJob> jobs = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return jobs;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> ErasureStore.validId(f.getFileName().toString().replace(".json", "")))
                    .toList()) {
                ErasureJob job = mapper.readValue(file.toFile(), ErasureJob.class);
                if (ErasureJob.RUNNING.equals(job.state())) {
                    jobs.add(job);
                }
            }
        } catch (IOException e) {
            throw new TransientFailureException("cannot read the erasures in " + dir + ": " + e.getMessage(), e);
        }
        return jobs;
    }
}
