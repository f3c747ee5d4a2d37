package io.contexthub.subject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.identity.Profile;
import io.contexthub.identity.Profiles;
import io.contexthub.store.ContextStore;
import io.contexthub.store.Identifiers;
import io.contexthub.store.SearchFilters;
import io.contexthub.store.SearchHit;
import io.contexthub.store.SearchQuery;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Who a person is in the hub, for an erasure or an export: the customer records that carry the identifier and the
 * person records of their identity profile (a company linked by the e-mail's domain, or as their account, is not
 * the person); every identifier they are known by (the one asked for; each record's id, source id, e-mails,
 * phones, handles); every document about them (their records, and the events, invoices and deals that point at one
 * of them or carry one of the identifiers, deleted at the source or not).
 */
@Component
public class Subjects {

    static final int LISTING_PAGE = 100;
    static final int MOST_DOCUMENTS = 100_000;

    private final ContextStore store;
    private final Profiles profiles;
    private final ObjectMapper mapper;

    public Subjects(ContextStore store, Profiles profiles, ObjectMapper mapper) {
        this.store = store;
        this.profiles = profiles;
        this.mapper = mapper;
    }

    public Subject resolve(String identifier) {
        // what was written a moment ago must be found too
        store.refresh();
        Set<String> customers = customersOf(identifier);
        Set<String> identifiers = new LinkedHashSet<>();
        identifiers.add(identifier.trim());
        customers.stream().map(id -> store.get("customer", id)).flatMap(Optional::stream)
                .forEach(record -> identifiers.addAll(identifiersOf(parse(record.json()))));
        return new Subject(customers, identifiers, documentsAbout(customers, identifiers));
    }

    private Set<String> customersOf(String identifier) {
        Set<String> customers = new LinkedHashSet<>();
        String wanted = identifier.trim();
        if (wanted.startsWith("customer:")) {
            store.get("customer", wanted).ifPresent(d -> customers.add(d.id()));
        } else if (!wanted.startsWith(Profile.PREFIX)) {
            store.search(SearchQuery.customersCarrying(Identifiers.normalise(wanted), LISTING_PAGE)).stream()
                    .map(SearchHit::id).forEach(customers::add);
        }
        profiles.find(wanted).ifPresent(profile -> profile.members().forEach(member -> store.get("customer", member)
                .filter(d -> !"organization".equals(parse(d.json()).path("kind").asText()))
                .ifPresent(d -> customers.add(d.id()))));
        return customers;
    }

    private static Set<String> identifiersOf(JsonNode record) {
        Set<String> found = new LinkedHashSet<>();
        found.add(record.path("id").asText());
        found.add(record.path("sourceId").asText());
        record.path("emails").forEach(e -> found.add(e.asText()));
        record.path("phones").forEach(p -> found.add(p.asText()));
        record.path("handles").forEach(h -> found.add(h.path("value").asText()));
        found.removeIf(String::isBlank);
        return found;
    }

    private Set<String> documentsAbout(Set<String> customers, Set<String> identifiers) {
        Set<String> documents = new LinkedHashSet<>();
        if (!customers.isEmpty()) {
            collect(new SearchFilters(customers, null, null, null, null, null, null, true), documents);
        }
        for (String identifier : identifiers) {
            collect(new SearchFilters(null, null, null, null, null, null, Identifiers.normalise(identifier), true),
                    documents);
        }
        return documents;
    }

    private void collect(SearchFilters filters, Set<String> documents) {
        String cursor = null;
        do {
            var page = store.search(new SearchQuery(null, null, null, LISTING_PAGE, filters, cursor));
            page.forEach(hit -> documents.add(hit.type() + "|" + hit.id()));
            cursor = page.size() == LISTING_PAGE ? page.get(page.size() - 1).cursor() : null;
        } while (cursor != null && documents.size() < MOST_DOCUMENTS);
    }

    private JsonNode parse(String json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            return mapper.createObjectNode();
        }
    }
}
