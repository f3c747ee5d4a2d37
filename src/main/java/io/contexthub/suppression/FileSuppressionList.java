package io.contexthub.suppression;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The suppressed hashes on the spool backbone: in memory for O(1) checks on every delivery, and an append-only file
 * of one hash per line, fsync'd before {@link #add} returns, so an erasure that reported its suppression holds after
 * a crash. A torn last line (a kill while appending) is ignored; the erasure job that wrote it adds it again when it
 * resumes.
 */
public final class FileSuppressionList implements SuppressionList {

    private final Path file;
    private final Set<String> hashes = new HashSet<>();

    public FileSuppressionList(Path file) {
        this.file = file;
        try {
            Files.createDirectories(file.getParent());
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                    if (line.matches("[0-9a-f]{64}")) {
                        hashes.add(line);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the suppression list " + file + " (hub.data-dir)", e);
        }
    }

    @Override
    public synchronized boolean containsAny(Collection<String> candidates) {
        for (String candidate : candidates) {
            if (hashes.contains(candidate)) {
                return true;
            }
        }
        return false;
    }


    @Override
    public synchronized int add(Collection<String> added) {
        List<String> fresh = added.stream().filter(h -> !hashes.contains(h)).distinct().toList();
        if (fresh.isEmpty()) {
            return 0;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            // a torn line left by a kill ends here, so the next hash starts a line of its own
            channel.write(ByteBuffer.wrap(("\n" + String.join("\n", fresh) + "\n").getBytes(StandardCharsets.US_ASCII)));
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the suppression list " + file, e);
        }
        hashes.addAll(fresh);
        return fresh.size();
    }

    @Override
    public synchronized int size() {
        return hashes.size();
    }
}
