package io.contexthub.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.contexthub.support.FrontEvents;
import io.contexthub.support.HubClient;
import io.contexthub.support.PackagedHub;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the packaged hub while it receives, embeds and commits, again and again, with senders that retry
 * until they get a 2xx, as webhook platforms do. What a sender was told is staged must end up searchable, once;
 * nothing a crash interrupted may become a dead letter; and an acknowledged event sent again is a duplicate.
 */
abstract class CrashScenario {

    static final int EVENTS = 300;
    static final int SENDERS = 8;
    static final int KILLS = 5;

    /** The hub under test, configured for its backbone. */
    abstract PackagedHub hub();

    /** Documents of type event in the store, read after the hub stopped (or through the store's own API). */
    abstract long storedEvents(PackagedHub hub) throws Exception;

    abstract String backbone();

    @Test
    void everyAcknowledgedEventIsSearchableExactlyOnceAfterRepeatedKills() throws Exception {
        PackagedHub hub = hub();
        hub.start();
        ConcurrentLinkedQueue<Integer> pending = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < EVENTS; i++) {
            pending.add(i);
        }
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger refusals = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        List<Future<?>> running = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            running.add(senders.submit(() -> send(hub, pending, acknowledged, refusals)));
        }

        Random random = new Random();
        long longestRestart = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            // a random moment: somewhere in the next 10-40 acknowledgements, while batches are embedded and stored
            int before = acknowledged.size();
            int target = Math.min(EVENTS, before + 10 + random.nextInt(30));
            await().atMost(Duration.ofMinutes(2)).until(() -> acknowledged.size() >= target || pending.isEmpty());
            hub.kill();
            longestRestart = Math.max(longestRestart, hub.start().toMillis());
        }
        for (Future<?> sender : running) {
            sender.get(5, TimeUnit.MINUTES);
        }
        senders.shutdown();
        assertThat(acknowledged).hasSize(EVENTS);

        HubClient client = hub.client();
        Set<Integer> missing = new HashSet<>(acknowledged);
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            missing.removeIf(i -> client.api("GET", "/api/context/event/" + documentId(i)).status() == 200);
            assertThat(missing).as("acknowledged events not (yet) searchable").isEmpty();
        });
        var duplicate = client.postFront(FrontEvents.SECRET, body(7));
        assertThat(duplicate.status()).isEqualTo(200);
        assertThat(duplicate.json().path("status").asText()).isEqualTo("duplicate");
        int deadLetters = client.api("GET", "/api/dead-letters").json().path("deadLetters").size();

        hub.terminate(Duration.ofSeconds(45));
        long stored = storedEvents(hub);
        report(acknowledged.size(), refusals.get(), stored, deadLetters, longestRestart);
        assertThat(stored).as("event documents in the store").isEqualTo(EVENTS);
        assertThat(deadLetters).as("dead letters written").isZero();
        assertThat(hub.log()).doesNotContain("LockObtainFailedException").doesNotContain("CorruptIndexException");
    }

    private static void send(PackagedHub hub, ConcurrentLinkedQueue<Integer> pending, Set<Integer> acknowledged,
                             AtomicInteger refusals) {
        HubClient client = hub.client();
        for (Integer event = pending.poll(); event != null; event = pending.poll()) {
            byte[] body = body(event);
            while (true) {
                int status;
                try {
                    status = client.postFront(FrontEvents.SECRET, body).status();
                } catch (UncheckedIOException | IllegalStateException refusedOrCut) {
                    status = -1;
                }
                if (status / 100 == 2) {
                    acknowledged.add(event);
                    break;
                }
                assertThat(status).as("answer to event " + event).isIn(-1, 503);
                refusals.incrementAndGet();
                // like a sender's backoff, but on a real condition: retry once the hub says it is ready
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                        .until(() -> ready(client));
            }
        }
    }

    private static boolean ready(HubClient client) {
        try {
            return client.raw(java.net.http.HttpRequest.newBuilder(java.net.URI.create(client.base()
                    + "/actuator/health/readiness")).timeout(Duration.ofSeconds(2)).build()).status() == 200;
        } catch (RuntimeException down) {
            return false;
        }
    }

    static byte[] body(int event) {
        return FrontEvents.inbound("evt_crash" + event, "msg_crash" + event,
                "Crash test message " + event + ": please check invoice INV-" + (1000 + event), null);
    }

    static String documentId(int event) {
        return "event:frontapp:msg_crash" + event;
    }

    private void report(int acknowledged, int refusals, long stored, int deadLetters, long longestRestartMillis) {
        String line = String.format("crash test on %s: %d kills, %d events, %d acknowledged, %d refused or cut "
                        + "(retried), lost %d, duplicated %d, dead letters %d, longest restart to ready %d ms",
                backbone(), KILLS, EVENTS, acknowledged, refusals, Math.max(0, EVENTS - stored),
                Math.max(0, stored - EVENTS), deadLetters, longestRestartMillis);
        System.out.println(line);
        try {
            Path report = Path.of("target", "crash-" + backbone().replaceAll("[^a-z]+", "-") + ".txt");
            Files.writeString(report, line + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> frontSecret() {
        return Map.of("HUB_WEBHOOKS_FRONTAPP_SECRET", FrontEvents.SECRET);
    }
}
