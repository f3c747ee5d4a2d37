package io.contexthub.audit;

import java.util.List;
import java.util.Optional;

/**
 * Where the audit chain's entries are kept: a file in the data directory ({@link FileAuditStorage}), or OpenSearch
 * shared by every instance, which then write one chain between them. An entry is written as its JSON line
 * ({@link AuditEntry#line()}), exactly the bytes its MAC was computed over, so reading it back changes nothing.
 */
public interface AuditStorage {

    /**
     * Writes the entry durably unless its sequence number is taken: false when another writer appended that number
     * first (the caller catches up and signs again).
     */
    boolean append(AuditEntry entry);

    /** The entry with this sequence number, seeing every append acknowledged so far (anywhere). */
    Optional<AuditEntry> get(long seq);

    /** The newest entry as far as a read now shows (it may lag appends elsewhere: walk on with {@link #get}). */
    Optional<AuditEntry> newest();

    /** Entries after {@code seq}, oldest first, at most {@code limit}. */
    List<AuditEntry> after(long seq, int limit);

    /** Whether every instance writes into this one chain. */
    boolean shared();
}
