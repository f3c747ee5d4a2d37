package io.contexthub.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.platform.TransientFailureException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Dead letters as the spool writes them: one JSON file each, named by its time-ordered id. */
public class SpoolDeadLetters implements DeadLetterStore {

    static final Pattern ID = Pattern.compile("\\d{13}-[0-9a-f-]{36}");

    private final Path dir;
    private final ObjectMapper mapper;

    public SpoolDeadLetters(Path dir, ObjectMapper mapper) {
        this.dir = dir;
        this.mapper = mapper;
    }

    @Override
    public List<JsonNode> list(int limit, Predicate<JsonNode> keep) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<JsonNode> letters = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> ID.matcher(name(f)).matches())
                    .sorted(Comparator.comparing(SpoolDeadLetters::name).reversed()).toList()) {
                if (letters.size() >= limit) {
                    break;
                }
                JsonNode letter = readIfPresent(file);
                if (letter != null && keep.test(letter)) {
                    letters.add(letter);
                }
            }
        } catch (IOException e) {
            throw new TransientFailureException("cannot read the dead letters in " + dir + ": " + e.getMessage(), e);
        }
        return letters;
    }

    @Override
    public Optional<JsonNode> get(String id) {
        Path file = file(id);
        if (file == null || !Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(mapper.readTree(file.toFile()));
        } catch (IOException e) {
            throw new TransientFailureException("cannot read dead letter " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void redriven(String id) {
        Path file = file(id);
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new TransientFailureException("cannot remove dead letter " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void erased(String id) {
        redriven(id);
    }

    /** A letter redriven or erased while the list was read is simply not listed. */
    private JsonNode readIfPresent(Path file) throws IOException {
        try {
            return mapper.readTree(file.toFile());
        } catch (java.io.FileNotFoundException | java.nio.file.NoSuchFileException e) {
            return null;
        }
    }

    /** Only well-formed ids map to a file: an id from a request never reaches outside the directory. */
    private Path file(String id) {
        return id != null && ID.matcher(id).matches() ? dir.resolve(id + ".json") : null;
    }

    private static String name(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    }
}
