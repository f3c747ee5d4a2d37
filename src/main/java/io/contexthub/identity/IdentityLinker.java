package io.contexthub.identity;

import io.contexthub.mapping.CanonicalDocument;
import io.contexthub.pipeline.MappedEnvelope;
import io.contexthub.pipeline.PreparedBatch;
import io.contexthub.store.ContextStore;
import io.contexthub.tenant.Tenants;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The {@code process.canonical} step after the batch is stored: links each customer record of the batch as it is
 * stored now (a stale copy in the batch, older than the stored version, must not move links backwards). Runs
 * before the batch is acknowledged, so a crash in between repeats it on redelivery, which is harmless.
 */
@Component("identityLinker")
public class IdentityLinker {

    private final ContextStore store;
    private final IdentityGraph graph;
    private final IdentityKeys keys;

    private final Tenants tenants;

    public IdentityLinker(ContextStore store, IdentityGraph graph, IdentityKeys keys, Tenants tenants) {
        this.tenants = tenants;
        this.store = store;
        this.graph = graph;
        this.keys = keys;
    }

    public PreparedBatch link(PreparedBatch batch) {
        batch.byTenant().forEach((tenant, mapped) -> tenants.run(tenant, () -> link(mapped)));
        return batch;
    }

    /** One tenant's customers, in its own graph. */
    private void link(List<MappedEnvelope> mapped) {
        Set<String> customers = new LinkedHashSet<>();
        mapped.forEach(m -> m.documents().stream().filter(d -> "customer".equals(d.entity()))
                .map(CanonicalDocument::id).forEach(customers::add));
        Map<String, Set<String>> records = new LinkedHashMap<>();
        for (String id : customers) {
            store.get("customer", id).ifPresent(stored -> records.put(id, keys.ofStored(stored.json())));
        }
        if (!records.isEmpty()) {
            graph.observe(records);
            graph.flush();
        }
    }
}
