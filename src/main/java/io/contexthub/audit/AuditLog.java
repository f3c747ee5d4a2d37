package io.contexthub.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.contexthub.platform.Hmac;
import io.contexthub.platform.HubProperties;
import io.contexthub.platform.LocalKeys;
import io.contexthub.platform.TransientFailureException;
import io.contexthub.tenant.Tenants;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The audit trail: an append-only file of JSON lines ({@code <hub.data-dir>/audit/audit.jsonl}), each entry chained
 * to the one before by an HMAC over the previous entry's MAC and its own fields, fsync'd before the action it
 * records is answered. {@link #verify} recomputes the chain: an edited entry breaks its own MAC, a removed one the
 * sequence and the next entry's link. Truncating the end of the file cannot be told from a shorter log by the file
 * alone; the number of entries and the last MAC are also in the hub's log at every start, for comparison.
 */
@Component
public class AuditLog {

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    /** The details field naming the tenant of an action outside the default tenant. */
    public static final String TENANT = "tenant";

    private final Path file;
    private final byte[] key;
    private final Clock clock;
    private long seq;
    private String last = "";

    public AuditLog(AuditProperties properties, HubProperties hub, Clock clock) {
        Path dir = hub.dataDir().resolve("audit");
        this.file = dir.resolve("audit.jsonl");
        this.key = properties.key() != null ? properties.key().reveal().getBytes(StandardCharsets.UTF_8)
                : LocalKeys.readOrCreate(dir.resolve("audit.key"));
        this.clock = clock;
        endTornLine();
        List<AuditEntry> entries = read();
        if (!entries.isEmpty()) {
            seq = entries.get(entries.size() - 1).seq();
            last = entries.get(entries.size() - 1).mac();
        }
    }

    /**
     * Appends an entry durably; returns it. An action in a tenant other than the default one names it in the
     * details ({@value #TENANT}), so each tenant's admins read their own trail.
     */
    public synchronized AuditEntry append(String action, String actor, String target, Map<String, Object> details) {
        Map<String, Object> all = details == null ? new LinkedHashMap<>() : new LinkedHashMap<>(details);
        Tenants.inScope().filter(tenant -> !Tenants.DEFAULT.equals(tenant)).ifPresent(t -> all.put(TENANT, t));
        AuditEntry unsigned = new AuditEntry(seq + 1, clock.instant(), action, actor, target,
                all.isEmpty() ? null : all, last, null);
        AuditEntry entry = new AuditEntry(unsigned.seq(), unsigned.at(), action, actor, target, unsigned.details(),
                last, mac(unsigned));
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                channel.write(ByteBuffer.wrap((JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
        } catch (IOException e) {
            throw new TransientFailureException("cannot append to the audit log " + file + ": " + e.getMessage(), e);
        }
        seq = entry.seq();
        last = entry.mac();
        return entry;
    }

    /** Entries after {@code afterSeq}, oldest first, at most {@code limit}. */
    public List<AuditEntry> entries(long afterSeq, int limit) {
        return read().stream().filter(e -> e.seq() > afterSeq).limit(limit).toList();
    }

    /**
     * The entries of one tenant after {@code afterSeq}, oldest first, at most {@code limit}: the default tenant's
     * include what concerns the whole hub (its starts).
     */
    public List<AuditEntry> entries(String tenant, long afterSeq, int limit) {
        return read().stream().filter(e -> e.seq() > afterSeq).filter(e -> tenant.equals(tenantOf(e)))
                .limit(limit).toList();
    }

    private static String tenantOf(AuditEntry entry) {
        Object tenant = entry.details() == null ? null : entry.details().get(TENANT);
        return Tenants.orDefault(tenant == null ? null : tenant.toString());
    }

    /** The chain recomputed from the first entry: where it breaks, if it does. */
    public Verification verify() {
        String prev = "";
        long expected = 1;
        List<AuditEntry> entries;
        try {
            entries = read();
        } catch (UncheckedIOException e) {
            return new Verification(false, 0, 0, "unreadable: " + e.getMessage());
        }
        for (AuditEntry entry : entries) {
            if (entry.seq() != expected) {
                return new Verification(false, entries.size(), entry.seq(), "entry " + expected + " is missing");
            }
            if (!prev.equals(entry.prev())) {
                return new Verification(false, entries.size(), entry.seq(), "does not follow the entry before it");
            }
            AuditEntry unsigned = new AuditEntry(entry.seq(), entry.at(), entry.action(), entry.actor(),
                    entry.target(), entry.details(), entry.prev(), null);
            if (!MessageDigest.isEqual(mac(unsigned).getBytes(StandardCharsets.US_ASCII),
                    String.valueOf(entry.mac()).getBytes(StandardCharsets.US_ASCII))) {
                return new Verification(false, entries.size(), entry.seq(), "was changed after it was written");
            }
            prev = entry.mac();
            expected++;
        }
        return new Verification(true, entries.size(), 0, null);
    }

    /**
     * @param valid    the chain holds
     * @param entries  how many entries were read
     * @param brokenAt the first entry that does not hold (0 when valid)
     * @param problem  what is wrong with it
     */
    public record Verification(boolean valid, int entries, long brokenAt, String problem) {
    }

    public synchronized String head() {
        return seq + ":" + last;
    }

    private String mac(AuditEntry unsigned) {
        try {
            return Hmac.sha256Hex(key, JSON.writeValueAsBytes(unsigned));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
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

    private List<AuditEntry> read() {
        List<AuditEntry> entries = new ArrayList<>();
        if (!Files.exists(file)) {
            return entries;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    entries.add(JSON.readValue(line, AuditEntry.class));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit log " + file, e);
        }
        return entries;
    }
}
