package io.contexthub.subject;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where erasure jobs are kept: the data directory for one hub ({@link FileErasureStore}), OpenSearch when the hub
 * runs on it, so that every instance answers for every job and any instance finishes one whose instance went away.
 */
public interface ErasureStore {

    /** Stores the job durably before returning, replacing its previous state. */
    void put(ErasureJob job);

    /** The job, or empty for an unknown (or malformed) id. */
    Optional<ErasureJob> get(String id);

    /** Jobs still running: started here or elsewhere, or left behind by a crash or a stop. */
    List<ErasureJob> unfinished();

    /** Whether {@code id} is shaped like a job id ({@code era_} and 32 hex digits). */
    static boolean validId(String id) {
        return id != null && Ids.ERASURE.matcher(id).matches();
    }

    /** Holder of the pattern (an interface's fields are public). */
    final class Ids {
        static final Pattern ERASURE = Pattern.compile("era_[0-9a-f]{32}");

        private Ids() {
        }
    }
}
