package io.contexthub.identity;

import io.contexthub.store.ContextStore;
import io.contexthub.store.Identifiers;
import io.contexthub.store.SearchHit;
import io.contexthub.store.SearchQuery;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Finds the profile a caller means: a profile id, a canonical customer id, or any identifier one of its records
 * carries (an e-mail address, a phone number, a provider id such as {@code cus_…}).
 */
@Component
public class Profiles {

    private final IdentityGraph graph;
    private final ContextStore store;
    private final int maxMembers;

    public Profiles(IdentityGraph graph, ContextStore store, IdentityProperties properties) {
        this.graph = graph;
        this.store = store;
        this.maxMembers = properties.maxProfileMembers();
    }

    /** Empty when no stored customer record is named or carries the identifier. */
    public Optional<Profile> find(String idOrIdentifier) {
        Set<String> seeds = new LinkedHashSet<>();
        String wanted = idOrIdentifier.trim();
        if (wanted.startsWith(Profile.PREFIX) || wanted.startsWith("customer:")) {
            String id = wanted.startsWith(Profile.PREFIX) ? Profile.customerIdOf(wanted) : wanted;
            if (store.get("customer", id).isPresent()) {
                seeds.add(id);
            }
        } else {
            String identifier = Identifiers.normalise(wanted);
            store.search(SearchQuery.customersCarrying(identifier, maxMembers)).stream().map(SearchHit::id)
                    .forEach(seeds::add);
            // realtime, where the search may not yet see a record stored a moment ago
            seeds.addAll(graph.carrying(IdentityKeys.EMAIL + ":" + identifier));
        }
        return seeds.isEmpty() ? Optional.empty() : Optional.of(graph.profile(seeds));
    }
}
