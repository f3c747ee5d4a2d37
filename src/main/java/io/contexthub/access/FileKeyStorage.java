package io.contexthub.access;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.platform.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys of a single hub in {@code <data-dir>/access/keys.json}, readable by its user only, replaced whole and
 * forced to disk before a change takes effect, so a key shown to its creator survives a crash.
 */
public class FileKeyStorage implements KeyStorage {

    private final Path file;
    private final ObjectMapper mapper;
    private Map<String, ApiKey> keys;

    public FileKeyStorage(Path dataDir, ObjectMapper mapper) {
        this.file = dataDir.resolve("access").resolve("keys.json");
        this.mapper = mapper;
        this.keys = load();
    }

    @Override
    public synchronized List<ApiKey> all() {
        return List.copyOf(keys.values());
    }

    @Override
    public synchronized Optional<ApiKey> get(String id) {
        return Optional.ofNullable(keys.get(id));
    }

    @Override
    public synchronized void put(ApiKey key) {
        Map<String, ApiKey> next = new LinkedHashMap<>(keys);
        next.put(key.id(), key);
        try {
            Files.createDirectories(file.getParent());
            PrivateFiles.replace(file, mapper.writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(Map.of("keys", next.values())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        keys = next;
    }

    @Override
    public boolean shared() {
        return false;
    }

    private Map<String, ApiKey> load() {
        if (!Files.exists(file)) {
            return new LinkedHashMap<>();
        }
        try {
            Map<String, List<ApiKey>> stored = mapper.readValue(file.toFile(), new TypeReference<>() { });
            Map<String, ApiKey> loaded = new LinkedHashMap<>();
            stored.getOrDefault("keys", List.of()).forEach(key -> loaded.put(key.id(), key));
            return loaded;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the API keys in " + file, e);
        }
    }
}
