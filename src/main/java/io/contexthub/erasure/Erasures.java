package io.contexthub.erasure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.deadletter.DeadLetterStore;
import io.contexthub.identity.IdentityGraph;
import io.contexthub.identity.Profile;
import io.contexthub.identity.Profiles;
import io.contexthub.store.ContextStore;
import io.contexthub.store.Identifiers;
import io.contexthub.store.SearchFilters;
import io.contexthub.store.SearchHit;
import io.contexthub.store.SearchQuery;
import io.contexthub.store.Tombstone;
import io.contexthub.suppression.Suppressions;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Erasure of a person (right to be forgotten). A request is planned at once: the customer records that are the
 * person (those carrying the identifier, and the person records of their identity profile — not the companies
 * they are linked to), every document about them (their records, and the events, invoices and deals that point at
 * them or carry their identifiers), and every identifier they are known by. Those identifiers are suppressed first
 * ({@link Suppressions}), so nothing about the person can come in while the rest runs; then the job is written and
 * runs in the background: documents deleted (tombstones, by {@code erasure:<id>}), identity rows forgotten, dead
 * letters about them erased. A job a stop interrupted resumes when the hub is ready again. Envelopes still waiting
 * in the spool or on Kafka are dropped when they are processed, by the same suppression.
 */
@Component
public class Erasures {

    static final int LISTING_PAGE = 100;
    static final int MOST_DOCUMENTS = 100_000;
    private static final Logger log = LoggerFactory.getLogger(Erasures.class);

    private final ContextStore store;
    private final Profiles profiles;
    private final IdentityGraph identity;
    private final DeadLetterStore deadLetters;
    private final Suppressions suppressions;
    private final ErasureStore jobs;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "erasure");
        thread.setDaemon(true);
        return thread;
    });

    public Erasures(ContextStore store, Profiles profiles, IdentityGraph identity, DeadLetterStore deadLetters,
                    Suppressions suppressions, ErasureStore jobs, ObjectMapper mapper, Clock clock) {
        this.store = store;
        this.profiles = profiles;
        this.identity = identity;
        this.deadLetters = deadLetters;
        this.suppressions = suppressions;
        this.jobs = jobs;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Plans the erasure, suppresses the person's identifiers, records the job and starts it. */
    public ErasureJob request(String identifier) {
        Set<String> customers = customersOf(identifier);
        Set<String> identifiers = new LinkedHashSet<>();
        identifiers.add(identifier.trim());
        List<JsonNode> records = customers.stream().map(id -> store.get("customer", id)).flatMap(java.util.Optional::stream)
                .map(d -> parse(d.json())).toList();
        records.forEach(record -> identifiers.addAll(identifiersOf(record)));
        Set<String> documents = documentsAbout(customers, identifiers);
        int suppressed = suppressions.suppress(identifiers);
        List<String> letters = deadLetters.list(Integer.MAX_VALUE).stream()
                .filter(suppressions::mentionsSuppressed).map(letter -> letter.path("id").asText()).toList();

        Map<String, Integer> found = new TreeMap<>();
        documents.forEach(d -> found.merge(d.substring(0, d.indexOf('|')), 1, Integer::sum));
        found.put("identityRecords", customers.size());
        found.put("deadLetters", letters.size());
        found.put("suppressedIdentifiers", identifiers.size());
        Map<String, Integer> removed = new TreeMap<>();
        removed.put("suppressedIdentifiers", suppressed);
        ErasureJob job = new ErasureJob("era_" + HexFormat.of().formatHex(uuid()), ErasureJob.RUNNING,
                clock.instant(), null, found, removed, new ErasureJob.Pending(List.copyOf(documents),
                List.copyOf(customers), letters));
        jobs.put(job);
        log.info("erasure {} requested: {} documents, {} customer records, {} dead letters; {} identifiers suppressed",
                job.id(), documents.size(), customers.size(), letters.size(), identifiers.size());
        worker.submit(() -> run(job));
        return job;
    }

    /** Finishes what a stop interrupted. */
    @EventListener(ApplicationReadyEvent.class)
    public void resume() {
        for (ErasureJob job : jobs.unfinished()) {
            log.info("erasure {}: resuming", job.id());
            worker.submit(() -> run(job));
        }
    }

    private void run(ErasureJob job) {
        try {
            Map<String, Integer> removed = new TreeMap<>(job.removed());
            Tombstone.Deletion deletion = new Tombstone.Deletion("erasure:" + job.id(), "erasure", clock.instant());
            for (String document : job.pending().documents()) {
                String type = document.substring(0, document.indexOf('|'));
                if (store.delete(type, document.substring(document.indexOf('|') + 1), deletion)) {
                    removed.merge(type, 1, Integer::sum);
                }
            }
            store.expungeDeleted();
            ErasureJob.Pending rest = new ErasureJob.Pending(List.of(), job.pending().customers(),
                    job.pending().deadLetters());
            jobs.put(new ErasureJob(job.id(), job.state(), job.requestedAt(), null, job.found(), removed, rest));
            removed.put("identityRecords", identity.forget(job.pending().customers()));
            for (String letter : job.pending().deadLetters()) {
                deadLetters.erased(letter);
                removed.merge("deadLetters", 1, Integer::sum);
            }
            ErasureJob done = new ErasureJob(job.id(), ErasureJob.DONE, job.requestedAt(), clock.instant(),
                    job.found(), removed, null);
            jobs.put(done);
            log.info("erasure {} done: removed {}", job.id(), removed);
        } catch (RuntimeException e) {
            // the job stays running on disk and resumes at the next start; every step is idempotent
            log.warn("erasure {} stopped and resumes at the next start: {}", job.id(), e.getMessage());
        }
    }

    /**
     * The customer records that are the person: a canonical id names one; otherwise the records carrying the
     * identifier and the person records of their identity profile (a company linked by the e-mail's domain is not
     * the person).
     */
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

    /** {@code type|id} of every document about the customers or carrying one of the identifiers, deleted ones too. */
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
            List<SearchHit> page = store.search(new SearchQuery(null, null, null, LISTING_PAGE, filters, cursor));
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

    private static byte[] uuid() {
        UUID uuid = UUID.randomUUID();
        return java.nio.ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).array();
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /** The job as the API shows it: what was found and removed where, never what is still to remove. */
    public static ErasureJob shown(ErasureJob job) {
        return new ErasureJob(job.id(), job.state(), job.requestedAt(), job.finishedAt(), job.found(), job.removed(),
                null);
    }
}
