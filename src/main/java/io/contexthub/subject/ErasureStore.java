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
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/** Erasure jobs on disk, one file each, replaced atomically at every step so a crash leaves the last step's state. */
@Component
public class ErasureStore {

    private static final Pattern ID = Pattern.compile("era_[0-9a-f]{32}");

    private final Path dir;
    private final ObjectMapper mapper;

    public ErasureStore(HubProperties hub, ObjectMapper mapper) {
        this.dir = hub.dataDir().resolve("erasures");
        this.mapper = mapper;
    }

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

    public Optional<ErasureJob> get(String id) {
        if (id == null || !ID.matcher(id).matches() || !Files.exists(dir.resolve(id + ".json"))) {
            return Optional.empty();
        }
        try {
            return Optional.of(mapper.readValue(dir.resolve(id + ".json").toFile(), ErasureJob.class));
        } catch (IOException e) {
            throw new TransientFailureException("cannot read erasure " + id + ": " + e.getMessage(), e);
        }
    }

    /** Jobs a crash or a stop left unfinished. */
    public List<ErasureJob> unfinished() {
        List<ErasureJob> jobs = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return jobs;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> ID.matcher(f.getFileName().toString().replace(".json", "")).matches())
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
