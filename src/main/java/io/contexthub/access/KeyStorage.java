package io.contexthub.access;

import java.util.List;
import java.util.Optional;

/**
 * Where the API keys are kept: a file in the data directory for a single hub ({@link FileKeyStorage}), or the
 * shared store when several instances answer the same API ({@code store.opensearch.OpenSearchKeyStorage}), so a key
 * made through one instance works on all of them and a revocation reaches them all.
 */
public interface KeyStorage {

    /** Every key, revoked and expired ones included. */
    List<ApiKey> all();

    /** The key as stored now, written by any instance. */
    Optional<ApiKey> get(String id);

    /** Stores the key durably (replacing one with its id) before returning. */
    void put(ApiKey key);

    /** True when other instances write here too, so what this instance holds in memory must be re-read. */
    boolean shared();
}
