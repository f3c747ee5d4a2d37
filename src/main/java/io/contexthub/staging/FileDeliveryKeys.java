package io.contexthub.staging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Delivery keys of the spool: the most recent {@code capacity} keys in memory (O(1) look-ups, oldest forgotten
 * first) and an append-only file under the data folder that brings them back after a restart. Each key is one
 * line written straight to the file, so it survives the process being killed; it is not fsync'd, because losing
 * a key only means an event may be staged twice (see {@link DeliveryKeys}). When the file holds twice as many
 * lines as are remembered it is rewritten from memory and swapped in atomically; a torn last line (a kill while
 * appending) is a key that is simply not remembered.
 */
public final class FileDeliveryKeys implements DeliveryKeys, AutoCloseable {

    private final Path file;
    private final int capacity;
    private final LinkedHashSet<String> keys = new LinkedHashSet<>();
    private Writer out;
    private int lines;

    public FileDeliveryKeys(Path file, int capacity) {
        this.file = file;
        this.capacity = capacity;
        try {
            Files.createDirectories(file.getParent());
            if (Files.exists(file)) {
                List<String> stored = Files.readAllLines(file, StandardCharsets.UTF_8);
                stored.stream().filter(line -> !line.isBlank()).forEach(this::keep);
                lines = stored.size();
            }
            open();
            if (endsTorn()) {
                // a kill while appending left half a line: end it, so the next key starts a line of its own
                out.write('\n');
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the delivery keys in " + file + " (hub.data-dir)", e);
        }
    }

    @Override
    public synchronized boolean seen(String key) {
        return keys.contains(key);
    }

    @Override
    public synchronized void remember(String key) {
        if (!keep(key)) {
            return;
        }
        try {
            out.write(key);
            out.write('\n');
            out.flush();
            if (++lines > 2 * capacity) {
                compact();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record delivery key in " + file, e);
        }
    }

    private boolean keep(String key) {
        if (!keys.add(key)) {
            return false;
        }
        if (keys.size() > capacity) {
            Iterator<String> oldest = keys.iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    private void compact() throws IOException {
        out.close();
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Files.write(next, keys, StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(next, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        lines = keys.size();
        open();
    }

    private boolean endsTorn() throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() == 0) {
                return false;
            }
            java.nio.ByteBuffer last = java.nio.ByteBuffer.allocate(1);
            channel.read(last, channel.size() - 1);
            return last.get(0) != '\n';
        }
    }

    private void open() throws IOException {
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
