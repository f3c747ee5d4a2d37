package io.contexthub.customer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.store.ContextStore;
import io.contexthub.store.Identifiers;
import io.contexthub.store.SearchHit;
import io.contexthub.store.SearchQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Finds a customer's records across sources: the record named (a canonical id) or every record carrying the
 * identifier given (an e-mail, a phone number, a provider id), then, one hop further, the customer records of
 * other sources that carry one of their e-mail addresses. Links are computed when asked, from what is stored; they
 * are never merged into one record.
 */
@Component
public class CustomerProfiles {

    static final int MAX_MEMBERS = 50;

    private final ContextStore store;
    private final ObjectMapper mapper;

    public CustomerProfiles(ContextStore store, ObjectMapper mapper) {
        this.store = store;
        this.mapper = mapper;
    }

    /** The profile of a customer id or identifier; empty members when no customer record matches. */
    public CustomerProfile find(String idOrIdentifier) {
        Map<String, JsonNode> members = new LinkedHashMap<>();
        List<CustomerProfile.Link> links = new ArrayList<>();
        if (idOrIdentifier.startsWith("customer:")) {
            store.get("customer", idOrIdentifier).ifPresent(d -> members.put(d.id(), parse(d.json())));
        } else {
            // the first record carrying the identifier is the one asked for; the others are linked by it
            String identifier = Identifiers.normalise(idOrIdentifier);
            for (JsonNode match : customersCarrying(identifier)) {
                if (!members.isEmpty()) {
                    links.add(new CustomerProfile.Link(rule(identifier), identifier, members.keySet().iterator()
                            .next(), id(match)));
                }
                members.put(id(match), match);
            }
        }
        for (JsonNode seed : List.copyOf(members.values())) {
            for (JsonNode email : seed.path("emails")) {
                String normalised = Identifiers.normalise(email.asText());
                for (JsonNode other : customersCarrying(normalised)) {
                    if (members.size() < MAX_MEMBERS && !members.containsKey(id(other))) {
                        members.put(id(other), other);
                        links.add(new CustomerProfile.Link(rule(normalised), normalised, id(seed), id(other)));
                    }
                }
            }
        }
        return new CustomerProfile(List.copyOf(members.values()), links);
    }

    static String rule(String identifier) {
        if (identifier.contains("@")) {
            return "same-email";
        }
        return identifier.matches("\\+?[0-9]{6,}") ? "same-phone" : "same-identifier";
    }

    private List<JsonNode> customersCarrying(String identifier) {
        return store.search(SearchQuery.customersCarrying(identifier, MAX_MEMBERS)).stream()
                .map(SearchHit::json).map(this::parse).toList();
    }

    private static String id(JsonNode document) {
        return document.path("id").asText();
    }

    private JsonNode parse(String json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("stored document is not JSON", e);
        }
    }
}
