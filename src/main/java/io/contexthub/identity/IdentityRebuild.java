package io.contexthub.identity;

import io.contexthub.store.ContextStore;
import io.contexthub.store.SearchFilters;
import io.contexthub.store.SearchHit;
import io.contexthub.store.SearchQuery;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Links every stored customer record again: after {@code hub.identity.cross-references} or the free-mail list
 * changed, or for records stored before identity links existed. Records whose keys did not change cost one read
 * each, so running it twice is cheap.
 */
@Component
public class IdentityRebuild {

    static final int PAGE = 500;

    private final ContextStore store;
    private final IdentityGraph graph;
    private final IdentityKeys keys;

    public IdentityRebuild(ContextStore store, IdentityGraph graph, IdentityKeys keys) {
        this.store = store;
        this.graph = graph;
        this.keys = keys;
    }

    /** Returns how many customer records were linked. */
    public long run() {
        SearchFilters all = new SearchFilters(null, null, null, null, null, null, null, true);
        long records = 0;
        String cursor = null;
        do {
            List<SearchHit> page = store.search(new SearchQuery(null, null, "customer", PAGE, all, cursor));
            Map<String, Set<String>> linked = new LinkedHashMap<>();
            for (SearchHit hit : page) {
                linked.put(hit.id(), keys.ofStored(hit.json()));
            }
            graph.observe(linked);
            graph.flush();
            records += page.size();
            cursor = page.size() == PAGE ? page.get(page.size() - 1).cursor() : null;
        } while (cursor != null);
        return records;
    }
}
