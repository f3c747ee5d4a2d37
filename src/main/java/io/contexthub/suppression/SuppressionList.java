package io.contexthub.suppression;

import java.util.Collection;

/** Where the suppressed hashes are kept: a file on the spool, a compacted topic every instance reads on Kafka. */
public interface SuppressionList {

    boolean containsAny(Collection<String> hashes);

    /** Adds hashes durably (written, or acknowledged by the broker, when it returns); how many were new. */
    int add(Collection<String> hashes);

    int size();
}
