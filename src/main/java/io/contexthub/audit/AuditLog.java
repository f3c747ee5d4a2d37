package io.contexthub.audit;

import io.contexthub.platform.Hmac;
import io.contexthub.platform.HubProperties;
import io.contexthub.platform.LocalKeys;
import io.contexthub.tenant.Tenants;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The audit trail: entries chained each to the one before by an HMAC over the previous entry's MAC and its own
 * fields, stored durably before the action they record is answered ({@link AuditStorage}: the data directory's
 * file, or OpenSearch shared by every instance). {@link #verify} recomputes the chain: an edited entry breaks its
 * own MAC, a removed one the sequence and the next entry's link. With a shared storage every instance appends to the
 * one chain: a sequence number taken by another instance first is caught up with and the entry signed again.
 */
@Component
public class AuditLog {

    /** The details field naming the tenant of an action outside the default tenant. */
    public static final String TENANT = "tenant";
    private static final int PAGE = 1000;

    private final AuditStorage storage;
    private final byte[] key;
    private final Clock clock;
    private long seq;
    private String last = "";

    public AuditLog(AuditProperties properties, HubProperties hub, Clock clock, AuditStorage storage) {
        this.storage = storage;
        this.key = properties.key() != null ? properties.key().reveal().getBytes(StandardCharsets.UTF_8)
                : LocalKeys.readOrCreate(hub.dataDir().resolve("audit").resolve("audit.key"));
        this.clock = clock;
        storage.newest().ifPresent(entry -> {
            seq = entry.seq();
            last = entry.mac();
        });
        catchUp();
    }

    /**
     * Appends an entry durably; returns it. An action in a tenant other than the default one names it in the
     * details ({@value #TENANT}), so each tenant's admins read their own trail.
     */
    public synchronized AuditEntry append(String action, String actor, String target, Map<String, Object> details) {
        Map<String, Object> all = details == null ? new LinkedHashMap<>() : new LinkedHashMap<>(details);
        Tenants.inScope().filter(tenant -> !Tenants.DEFAULT.equals(tenant)).ifPresent(t -> all.put(TENANT, t));
        java.time.Instant at = clock.instant();
        while (true) {
            AuditEntry unsigned = new AuditEntry(seq + 1, at, action, actor, target, all.isEmpty() ? null : all, last,
                    null);
            AuditEntry entry = new AuditEntry(unsigned.seq(), at, action, actor, target, unsigned.details(), last,
                    mac(unsigned));
            if (storage.append(entry)) {
                seq = entry.seq();
                last = entry.mac();
                return entry;
            }
            catchUp();
        }
    }

    /** Walks on past the entries other instances appended since this one last looked. */
    private void catchUp() {
        for (var next = storage.get(seq + 1); next.isPresent(); next = storage.get(seq + 1)) {
            seq = next.get().seq();
            last = next.get().mac();
        }
    }

    /** Entries after {@code afterSeq}, oldest first, at most {@code limit}. */
    public List<AuditEntry> entries(long afterSeq, int limit) {
        return storage.after(afterSeq, limit);
    }

    /**
     * The entries of one tenant after {@code afterSeq}, oldest first, at most {@code limit}: the default tenant's
     * include what concerns the whole hub (its starts).
     */
    public List<AuditEntry> entries(String tenant, long afterSeq, int limit) {
        List<AuditEntry> found = new ArrayList<>();
        long cursor = afterSeq;
        while (found.size() < limit) {
            List<AuditEntry> page = storage.after(cursor, PAGE);
            page.stream().filter(e -> tenant.equals(tenantOf(e))).limit(limit - found.size()).forEach(found::add);
            if (page.size() < PAGE) {
                break;
            }
            cursor = page.get(page.size() - 1).seq();
        }
        return found;
    }

    private static String tenantOf(AuditEntry entry) {
        Object tenant = entry.details() == null ? null : entry.details().get(TENANT);
        return Tenants.orDefault(tenant == null ? null : tenant.toString());
    }

    /** The chain recomputed from the first entry: where it breaks, if it does. */
    public Verification verify() {
        String prev = "";
        long expected = 1;
        List<AuditEntry> entries = new ArrayList<>();
        try {
            for (List<AuditEntry> page = storage.after(0, PAGE); !page.isEmpty();
                 page = page.size() < PAGE ? List.of() : storage.after(page.get(page.size() - 1).seq(), PAGE)) {
                entries.addAll(page);
            }
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
            return Hmac.sha256Hex(key, unsigned.line().getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new IllegalStateException(e);
        }
    }
}
