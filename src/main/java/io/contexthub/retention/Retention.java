package io.contexthub.retention;

import io.contexthub.canonical.Entity;
import io.contexthub.deadletter.DeadLetterStore;
import io.contexthub.store.ContextStore;
import io.contexthub.store.SearchFilters;
import io.contexthub.store.SearchHit;
import io.contexthub.store.SearchQuery;
import io.contexthub.store.Tombstone;
import io.contexthub.tenant.Tenants;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Enforces {@code hub.retention.max-age}: deletes the documents of a source and entity whose time is older than
 * their maximum age, on whichever store runs, with tombstones ({@code deletedBy: retention}) so a re-sync of the old
 * copy does not bring it back; then rewrites the store's files without them. Route {@code lifecycle.retention}
 * (routes/lifecycle.yaml) runs it every {@code hub.retention.every}; {@link Clock} decides what is old.
 */
@Component("retention")
public class Retention {

    static final int PAGE = 500;
    static final String ANY_SOURCE = "*";
    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final RetentionProperties properties;
    private final ContextStore store;
    private final DeadLetterStore deadLetterStore;
    private final Clock clock;
    private final MeterRegistry meters;

    private final Tenants tenants;

    public Retention(RetentionProperties properties, ContextStore store, DeadLetterStore deadLetterStore, Clock clock,
                     MeterRegistry meters) {
        this(properties, store, deadLetterStore, clock, meters, Tenants.single());
    }

    @org.springframework.beans.factory.annotation.Autowired
    public Retention(RetentionProperties properties, ContextStore store, DeadLetterStore deadLetterStore, Clock clock,
                     MeterRegistry meters, Tenants tenants) {
        this.tenants = tenants;
        if (properties.deadLetters() != null && (properties.deadLetters().isNegative() || properties.deadLetters().isZero())) {
            throw new IllegalStateException("hub.retention.dead-letters must be a positive duration, e.g. 30d");
        }
        this.deadLetterStore = deadLetterStore;
        properties.maxAge().forEach((source, entities) -> entities.forEach((entity, age) -> {
            String name = "hub.retention.max-age." + source + "." + entity;
            if (!Entity.known(entity)) {
                throw new IllegalStateException(name + ": " + entity + " is not one of " + Entity.names());
            }
            if (age == null || age.isNegative() || age.isZero()) {
                throw new IllegalStateException(name + " must be a positive duration, e.g. 425d");
            }
        }));
        this.properties = properties;
        this.store = store;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * One pass over every policy in every tenant; returns how many documents each ({@code source.entity}) deleted,
     * all tenants together.
     */
    public Map<String, Integer> enforce() {
        Map<String, Integer> deleted = new TreeMap<>();
        for (String tenant : tenants.ids()) {
            tenants.in(tenant, this::enforceInTenant).forEach((what, n) -> deleted.merge(what, n, Integer::sum));
        }
        return deleted;
    }

    private Map<String, Integer> enforceInTenant() {
        Map<String, Integer> deleted = new TreeMap<>();
        Instant now = clock.instant();
        properties.maxAge().forEach((source, entities) -> entities.forEach((entity, age) -> {
            int n = enforce(ANY_SOURCE.equals(source) ? null : source, entity, age, now);
            deleted.put(source + "." + entity, n);
            if (n > 0) {
                meters.counter("hub.retention.deleted", "source", source, "entity", entity).increment(n);
            }
        }));
        if (properties.deadLetters() != null) {
            int letters = expireDeadLetters(now.minus(properties.deadLetters()));
            deleted.put("deadLetters", letters);
            meters.counter("hub.retention.deleted", "source", "*", "entity", "deadletter").increment(letters);
        }
        int total = deleted.entrySet().stream().filter(e -> !e.getKey().equals("deadLetters"))
                .mapToInt(Map.Entry::getValue).sum();
        if (total > 0) {
            store.expungeDeleted();
            log.info("retention: deleted {} documents past their maximum age {}", total, deleted);
        }
        return deleted;
    }

    /** Dead letters that failed before {@code cutoff}: deleted on the spool, hidden on Kafka (the topic ages them). */
    private int expireDeadLetters(Instant cutoff) {
        int expired = 0;
        for (var letter : deadLetterStore.list(Integer.MAX_VALUE)) {
            String failedAt = letter.path("failedAt").asText("");
            if (!failedAt.isEmpty() && Instant.parse(failedAt).isBefore(cutoff)) {
                deadLetterStore.erased(letter.path("id").asText());
                expired++;
            }
        }
        return expired;
    }

    private int enforce(String source, String entity, Duration age, Instant now) {
        Instant cutoff = now.minus(age);
        SearchFilters older = new SearchFilters(null, source, null, null, null, cutoff, null, true);
        Tombstone.Deletion deletion = new Tombstone.Deletion("retention", "older than " + age, now);
        int deleted = 0;
        while (true) {
            // deleted documents leave the listing, so the first page is always what is left
            List<SearchHit> page = store.search(new SearchQuery(null, null, entity, PAGE, older, null));
            int before = deleted;
            for (SearchHit hit : page) {
                deleted += store.delete(entity, hit.id(), deletion) ? 1 : 0;
            }
            if (page.size() < PAGE || deleted == before) {
                return deleted;
            }
        }
    }
}
