package io.contexthub.pipeline;

import io.contexthub.platform.Rejection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A micro-batch of staged envelopes after each went through {@code process.envelope}: those mapped (possibly with
 * some documents rejected) and those refused outright. Published with one embedding call and one bulk write;
 * the refused ones are dead-lettered only after that write succeeded.
 */
public final class PreparedBatch {

    private final List<MappedEnvelope> mapped = new ArrayList<>();
    private final List<Rejection> rejections = new ArrayList<>();

    public List<MappedEnvelope> mapped() {
        return mapped;
    }

    /** Envelopes to dead-letter: refused while mapping, or with documents refused by validation or the store. */
    public List<Rejection> rejections() {
        return rejections;
    }

    /** The mapped envelopes by tenant, in order: each tenant's documents go to its own store. */
    public Map<String, List<MappedEnvelope>> byTenant() {
        Map<String, List<MappedEnvelope>> byTenant = new LinkedHashMap<>();
        mapped.forEach(m -> byTenant.computeIfAbsent(m.envelope().tenant(), t -> new ArrayList<>()).add(m));
        return byTenant;
    }

    void add(MappedEnvelope envelope) {
        mapped.add(envelope);
    }

    void add(Rejection rejection) {
        rejections.add(rejection);
    }
}
