package io.contexthub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.contexthub.platform.TransientFailureException;
import io.contexthub.store.ContextDocument;
import io.contexthub.store.ContextStore;
import io.contexthub.store.SearchHit;
import io.contexthub.store.SearchQuery;
import io.contexthub.store.UpsertResult;
import io.contexthub.support.FrontEvents;
import io.contexthub.support.HubClient;
import io.contexthub.support.HubTest;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

/**
 * While the store is down the envelope stays staged and nothing becomes a dead letter; once the store is back
 * the same envelope is indexed. The outage is real (the store throws), not a mock of the route. Run on each bus by
 * {@link InfrastructureOutageTest} (spool) and {@link KafkaOutageTest}.
 */
@Import(StoreOutageScenario.Outage.class)
@HubTest
@TestPropertySource(properties = {
        "hub.api.token=outage-token",
        "hub.webhooks.frontapp.secret=front_test_app_signing_key",
        "hub.processing.retry.initial-delay-millis=20",
        "hub.processing.circuit-breaker.minimum-calls=2",
        "hub.processing.circuit-breaker.window-size=2",
        "hub.processing.circuit-breaker.wait-seconds=1"})
abstract class StoreOutageScenario {



    /** The real Lucene store behind a switch that makes writes fail like an unreachable store would. */
    static class SwitchableStore implements ContextStore {
        final ContextStore delegate;
        final AtomicBoolean down = new AtomicBoolean();
        final AtomicInteger failedWrites = new AtomicInteger();

        SwitchableStore(ContextStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public UpsertResult upsert(List<ContextDocument> documents) {
            if (down.get()) {
                failedWrites.incrementAndGet();
                throw new TransientFailureException("store unreachable", new IOException("connection refused"));
            }
            return delegate.upsert(documents);
        }

        @Override
        public Optional<ContextDocument> get(String type, String id) {
            return delegate.get(type, id);
        }

        @Override
        public java.util.Map<String, io.contexthub.store.StoredEmbedding> embeddings(
                java.util.Collection<io.contexthub.store.ContextDocumentKey> keys) {
            return delegate.embeddings(keys);
        }

        @Override
        public java.util.Optional<io.contexthub.store.Tombstone> tombstone(String type, String id) {
            return delegate.tombstone(type, id);
        }

        @Override
        public boolean delete(String type, String id, io.contexthub.store.Tombstone.Deletion deletion) {
            return delegate.delete(type, id, deletion);
        }

        @Override
        public void refresh() {
            delegate.refresh();
        }

        @Override
        public void expungeDeleted() {
            delegate.expungeDeleted();
        }

        @Override
        public List<SearchHit> search(SearchQuery query) {
            return delegate.search(query);
        }

        @Override
        public long count(String type) {
            return delegate.count(type);
        }
    }

    @TestConfiguration
    static class Outage {
        @Bean
        @Primary
        SwitchableStore switchableStore(@org.springframework.beans.factory.annotation.Qualifier("luceneContextStore")
                                        ContextStore lucene) {
            return new SwitchableStore(lucene);
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    SwitchableStore store;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    /** Envelopes acknowledged and not yet processed. */
    abstract long staged() throws Exception;

    abstract long deadLetters() throws Exception;

    double gauge(String name) {
        return meters.get(name).gauge().value();
    }

    @Test
    void anOutageLeavesTheEnvelopeStagedInsteadOfDeadLetteringIt() throws Exception {
        store.down.set(true);
        HubClient hub = new HubClient(port, "outage-token");

        var reply = hub.postFront(FrontEvents.SECRET,
                FrontEvents.inbound("evt_outage", "msg_outage", "Is the outage over yet?", null));

        assertThat(reply.status()).as("staging works while the store is down").isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> store.failedWrites.get() >= 3);
        assertThat(staged()).as("still staged").isEqualTo(1);
        assertThat(deadLetters()).as("an outage is not a dead letter").isZero();
        // what an operator's alerts see meanwhile: the breaker open, the envelope waiting
        await().atMost(Duration.ofSeconds(30)).until(() -> gauge("hub.circuit.breaker.open") == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> gauge("hub.backlog.envelopes") >= 1);

        store.down.set(false);

        await().atMost(Duration.ofSeconds(30)).until(() ->
                store.get("event", "event:frontapp:msg_outage").isPresent());
        await().atMost(Duration.ofSeconds(10)).until(() -> staged() == 0);
        assertThat(deadLetters()).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> gauge("hub.backlog.envelopes") == 0);
    }
}
