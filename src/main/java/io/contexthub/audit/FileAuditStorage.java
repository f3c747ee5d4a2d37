package io.contexthub.audit;

import io.contexthub.platform.TransientFailureException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The audit chain as an append-only file of JSON lines ({@code <hub.data-dir>/audit/audit.jsonl}), fsync'd at every
 * entry. Truncating the end of the file cannot be told from a shorter log by the file alone; the number of entries
 * and the last MAC are also in the hub's log at every start, for comparison.
 */
public class FileAuditStorage implements AuditStorage {

    private final Path file;

    public FileAuditStorage(Path file) {
        this.file = file;
        endTornLine();
    }

    /** One writer per file (this hub): a sequence number is never taken by someone else. */
    @Override
    public synchronized boolean append(AuditEntry entry) {
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                channel.write(ByteBuffer.wrap((entry.line() + "\n").getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
        } catch (IOException e) {
            throw new TransientFailureException("cannot append to the audit log " + file + ": " + e.getMessage(), e);
        }
        return true;
    }

    @Override
    public Optional<AuditEntry> get(long seq) {
        return read().stream().filter(entry -> entry.seq() == seq).findFirst();
    }

    @Override
    public Optional<AuditEntry> newest() {
        List<AuditEntry> entries = read();
        return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(entries.size() - 1));
    }

    @Override
    public List<AuditEntry> after(long seq, int limit) {
        return read().stream().filter(entry -> entry.seq() > seq).limit(limit).toList();
    }

    @Override
    public boolean shared() {
        return false;
    }

    /**
     * A kill while appending leaves half a line: that entry was never fsync'd, so its action was never answered.
     * It is cut off, so the next entry starts a line of its own and the chain goes on from the last whole one.
     */
    private void endTornLine() {
        try {
            if (!Files.exists(file) || Files.size(file) == 0) {
                return;
            }
            byte[] bytes = Files.readAllBytes(file);
            if (bytes[bytes.length - 1] != '\n') {
                int end = bytes.length;
                while (end > 0 && bytes[end - 1] != '\n') {
                    end--;
                }
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.truncate(end);
                    channel.force(true);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit log " + file, e);
        }
    }

    private synchronized List<AuditEntry> read() {
        List<AuditEntry> entries = new ArrayList<>();
        if (!Files.exists(file)) {
            return entries;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    entries.add(AuditEntry.parse(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit log " + file, e);
        }
        return entries;
    }
}
