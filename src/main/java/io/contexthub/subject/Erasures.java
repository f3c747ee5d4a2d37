package io.contexthub.subject;

import io.contexthub.audit.AuditLog;
import io.contexthub.deadletter.DeadLetterStore;
import io.contexthub.identity.IdentityGraph;
import io.contexthub.store.ContextStore;
import io.contexthub.store.Tombstone;
import io.contexthub.suppression.Suppressions;
import io.contexthub.sync.CheckpointStore;
import io.contexthub.tenant.TenantBound;
import io.contexthub.tenant.Tenants;
import jakarta.annotation.PreDestroy;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
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
 * letters about them erased. The instance running a job holds a lease on it (in the checkpoint store, shared with
 * OpenSearch), renewed as it goes; every instance looks for unfinished jobs every {@code hub.privacy.erasures.retry}
 * and finishes any no one holds — one a failure stopped, or whose instance stopped or crashed. Envelopes still
 * waiting in the spool or on Kafka are dropped when they are processed, by the same suppression.
 */
@Component
public class Erasures {

    private static final Logger log = LoggerFactory.getLogger(Erasures.class);
    /** Documents deleted between renewals of the job's lease. */
    private static final int RENEW_EVERY = 100;

    private final ContextStore store;
    private final Subjects subjects;
    private final IdentityGraph identity;
    private final DeadLetterStore deadLetters;
    private final Suppressions suppressions;
    private final ErasureStore jobs;
    private final AuditLog audit;
    private final Clock clock;
    private final Tenants tenants;
    private final TenantBound<CheckpointStore> leases;
    private final ErasureProperties properties;
    private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "erasure");
        thread.setDaemon(true);
        return thread;
    });

    public Erasures(ContextStore store, Subjects subjects, IdentityGraph identity, DeadLetterStore deadLetters,
                    Suppressions suppressions, ErasureStore jobs, AuditLog audit, Clock clock, Tenants tenants,
                    TenantBound<CheckpointStore> leases, ErasureProperties properties) {
        this.leases = leases;
        this.properties = properties;
        this.tenants = tenants;
        this.audit = audit;
        this.store = store;
        this.subjects = subjects;
        this.identity = identity;
        this.deadLetters = deadLetters;
        this.suppressions = suppressions;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** Plans the erasure, suppresses the person's identifiers, records the job and starts it. */
    public ErasureJob request(String identifier, String actor) {
        Subject subject = subjects.resolve(identifier);
        Set<String> customers = subject.customers();
        Set<String> identifiers = subject.identifiers();
        int suppressed = suppressions.suppress(identifiers);
        // what was written about them between the first look and the suppression is found by a second look
        Set<String> documents = new java.util.LinkedHashSet<>(subject.documents());
        documents.addAll(subjects.resolve(identifier).documents());
        List<String> letters = deadLetters.list(Integer.MAX_VALUE).stream()
                .filter(suppressions::mentionsSuppressed).map(letter -> letter.path("id").asText()).toList();

        Map<String, Integer> found = new TreeMap<>();
        documents.forEach(d -> found.merge(d.substring(0, d.indexOf('|')), 1, Integer::sum));
        found.put("customerRecords", customers.size());
        found.put("deadLetters", letters.size());
        found.put("suppressedIdentifiers", identifiers.size());
        Map<String, Integer> removed = new TreeMap<>();
        removed.put("suppressedIdentifiers", suppressed);
        ErasureJob job = new ErasureJob("era_" + HexFormat.of().formatHex(uuid()), ErasureJob.RUNNING,
                clock.instant(), null, found, removed, new ErasureJob.Pending(List.copyOf(documents),
                List.copyOf(customers), letters), tenants.current());
        jobs.put(job);
        audit.append("erasure.requested", actor, job.id(), Map.copyOf(found));
        log.info("erasure {} requested: {} documents, {} customer records, {} dead letters; {} identifiers suppressed",
                job.id(), documents.size(), customers.size(), letters.size(), identifiers.size());
        worker.submit(() -> run(job));
        return job;
    }

    /** From the start on, every {@code retry}: finishes the unfinished jobs no instance is running. */
    @EventListener(ApplicationReadyEvent.class)
    public void resume() {
        worker.scheduleWithFixedDelay(this::resumeUnfinished, 0, properties.retry().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void resumeUnfinished() {
        try {
            jobs.unfinished().forEach(this::run);
        } catch (RuntimeException e) {
            log.warn("cannot look for unfinished erasures now ({}); looking again in {}", e.getMessage(),
                    properties.retry());
        }
    }

    /** Runs on the erasure thread, in the job's tenant, holding the job's lease; another instance's job is left. */
    private void run(ErasureJob job) {
        tenants.run(job.tenant(), () -> {
            CheckpointStore checkpoints = leases.of(job.tenant());
            String lease = "erasure:" + job.id();
            try {
                if (!checkpoints.lease(lease, owner, properties.lease())) {
                    return;
                }
                // the latest state: another instance may have gone further, or finished it
                ErasureJob latest = jobs.get(job.id()).orElse(job);
                if (ErasureJob.RUNNING.equals(latest.state())) {
                    log.info("erasure {}: running", job.id());
                    erase(latest, () -> checkpoints.lease(lease, owner, properties.lease()));
                }
            } catch (RuntimeException e) {
                // every step is idempotent: the job stays running in its store and is taken up again
                log.warn("erasure {} stopped and is taken up again within {}: {}", job.id(), properties.retry(),
                        e.getMessage());
            } finally {
                try {
                    checkpoints.release(lease, owner);
                } catch (RuntimeException e) {
                    log.debug("erasure {}: lease not released ({}); it expires", job.id(), e.getMessage());
                }
            }
        });
    }

    /** @param alive renews the lease; false when another instance took the job over (this one was too slow) */
    private void erase(ErasureJob job, BooleanSupplier alive) {
        Map<String, Integer> removed = new TreeMap<>(job.removed());
        Tombstone.Deletion deletion = new Tombstone.Deletion("erasure:" + job.id(), "erasure", clock.instant());
        int done = 0;
        for (String document : job.pending().documents()) {
            String type = document.substring(0, document.indexOf('|'));
            if (store.delete(type, document.substring(document.indexOf('|') + 1), deletion)) {
                removed.merge(type, 1, Integer::sum);
            }
            if (++done % RENEW_EVERY == 0 && !alive.getAsBoolean()) {
                log.warn("erasure {}: taken over by another instance; stopping here", job.id());
                return;
            }
        }
        store.expungeDeleted();
        ErasureJob.Pending rest = new ErasureJob.Pending(List.of(), job.pending().customers(),
                job.pending().deadLetters());
        jobs.put(new ErasureJob(job.id(), job.state(), job.requestedAt(), null, job.found(), removed, rest,
                job.tenant()));
        removed.put("identityRows", identity.forget(job.pending().customers()));
        for (String letter : job.pending().deadLetters()) {
            deadLetters.erased(letter);
            removed.merge("deadLetters", 1, Integer::sum);
        }
        ErasureJob finished = new ErasureJob(job.id(), ErasureJob.DONE, job.requestedAt(), clock.instant(),
                job.found(), removed, null, job.tenant());
        jobs.put(finished);
        audit.append("erasure.done", "hub", job.id(), Map.copyOf(removed));
        log.info("erasure {} done: removed {}", job.id(), removed);
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
                null, job.tenant());
    }
}
