package io.contexthub.customer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.identity.Profile;
import io.contexthub.identity.Profiles;
import io.contexthub.store.ContextStore;
import io.contexthub.store.SearchFilters;
import io.contexthub.store.SearchHit;
import io.contexthub.store.SearchQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * A customer's records across sources: the identity profile of what was asked for (docs/identity.md) with each
 * member's stored canonical document, the record asked for first.
 */
@Component
public class CustomerProfiles {

    private final Profiles profiles;
    private final ContextStore store;
    private final ObjectMapper mapper;

    public CustomerProfiles(Profiles profiles, ContextStore store, ObjectMapper mapper) {
        this.profiles = profiles;
        this.store = store;
        this.mapper = mapper;
    }

    /** The profile of a profile id, customer id or identifier; empty members when no customer record matches. */
    public CustomerProfile find(String idOrIdentifier) {
        Profile profile = profiles.find(idOrIdentifier).orElse(null);
        if (profile == null) {
            return new CustomerProfile(null, List.of(), List.of(), List.of());
        }
        SearchFilters members = new SearchFilters(Set.copyOf(profile.members()), null, null, null, null, null, null,
                true);
        Map<String, JsonNode> documents = store.search(new SearchQuery(null, null, "customer",
                        profile.members().size(), members, null)).stream()
                .collect(Collectors.toMap(SearchHit::id, hit -> parse(hit.json()), (a, b) -> a));
        List<JsonNode> ordered = profile.members().stream().map(documents::get).filter(d -> d != null).toList();
        return new CustomerProfile(profile.id(), ordered, profile.links(), profile.inactive());
    }

    private JsonNode parse(String json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("stored document is not JSON", e);
        }
    }
}
