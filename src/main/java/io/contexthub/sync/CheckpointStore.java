package io.contexthub.sync;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Durable checkpoints of the syncs, the leases that let only one hub instance run a stream at a time, and the
 * sealed credentials providers rotate. The
 * embedded implementation keeps files under {@code <hub.data-dir>/checkpoints}; with {@code hub.store=opensearch}
 * they live in OpenSearch, shared by every instance.
 */
public interface CheckpointStore {

    Optional<Checkpoint> get(String connector, String stream);

    /** Stores the checkpoint durably before returning. */
    void put(Checkpoint checkpoint);

    List<Checkpoint> all();

    /**
     * Takes or renews the lease on {@code key} for {@code owner} until now + ttl. False when another owner holds an
     * unexpired lease.
     */
    boolean lease(String key, String owner, Duration ttl);

    /** Gives the lease back if {@code owner} holds it. */
    void release(String key, String owner);

    /**
     * A credential a provider handed out in place of the configured one (a rotated refresh token), stored as the
     * caller sealed it ({@link CredentialSeal}); the store never sees it in clear. Empty when none was stored.
     */
    Optional<String> credential(String key);

    /** Stores a sealed credential durably before returning, replacing the previous one. */
    void putCredential(String key, String sealed);

    /** Removes a stored credential durably before returning; nothing happens when there is none. */
    void removeCredential(String key);

    /** Adds a finished run to its stream's history; the oldest beyond {@link SyncRunRecord#KEPT} may go. */
    void recordRun(SyncRunRecord run);

    /** A stream's finished runs, newest first, at most {@code limit}. */
    List<SyncRunRecord> runs(String connector, String stream, int limit);
}
