package io.contexthub.bench;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.embedding.Embedder;
import io.contexthub.embedding.EmbeddingText;
import io.contexthub.store.ContextStore;
import io.contexthub.support.FrontEvents;
import io.contexthub.support.HubClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** What both benchmarks measure the same way: raw embedding, a bare 200 route, sequential webhook acks. */
final class BenchSupport {

    static final int WARMUP = 100;
    static final int EMBED_TEXTS = 512;

    private BenchSupport() {
    }

    record Latencies(double perSecond, double p50Millis, double p99Millis) {
        String format(String unit) {
            return String.format("%.0f %s, p50 %.2f ms, p99 %.2f ms", perSecond, unit, p50Millis, p99Millis);
        }
    }

    static HubClient client(ConfigurableApplicationContext hub, String token) {
        return new HubClient(Integer.parseInt(hub.getEnvironment().getProperty("local.server.port")), token);
    }

    /** A route that answers 200 on the hub's own HTTP server: the floor under any webhook ack. */
    static void addBareRoute(ConfigurableApplicationContext hub) throws Exception {
        hub.getBean(CamelContext.class).addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("platform-http:/bench/ok?httpMethodRestrict=POST").routeId("bench.ok")
                        .removeHeaders("*").setHeader("CamelHttpResponseCode", constant(200))
                        .setBody(constant("{}"));
            }
        });
    }

    /** Texts of ~35 tokens, the size of a short support message. */
    static List<String> sentences(int count) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            texts.add("Customer " + i + " asks when the order placed last week with Brandon will be delivered "
                    + "to the warehouse in Springfield, and whether the invoice was paid.");
        }
        return texts;
    }

    static double rawEmbeddingPerSecond(Embedder embedder) {
        return rawEmbeddingPerSecond(embedder, sentences(EMBED_TEXTS));
    }

    static double rawEmbeddingPerSecond(Embedder embedder, List<String> texts) {
        embedder.embed(texts.subList(0, Math.min(64, texts.size())));
        long start = System.nanoTime();
        embedder.embed(texts);
        return texts.size() / seconds(start);
    }

    static Latencies bareRoute(HubClient client, int requests) {
        byte[] body = "{}".getBytes();
        Map<String, String> headers = Map.of("content-type", "application/json");
        for (int i = 0; i < WARMUP; i++) {
            client.post("/bench/ok", headers, body);
        }
        long[] latency = new long[requests];
        long start = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            long s = System.nanoTime();
            client.post("/bench/ok", headers, body);
            latency[i] = System.nanoTime() - s;
        }
        return new Latencies(requests / seconds(start), percentile(latency, 50), percentile(latency, 99));
    }

    /** Sequential signed Front webhooks, each answered 202 once staged; returns when the last was acknowledged. */
    static Latencies webhooks(HubClient client, String prefix, int events) {
        long[] latency = new long[events];
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            byte[] body = FrontEvents.inbound("evt_" + prefix + i, "msg_" + prefix + i,
                    "Order " + i + " has not arrived yet; can you check where the parcel is?", null);
            long s = System.nanoTime();
            int status = client.postFront(FrontEvents.SECRET, body).status();
            latency[i] = System.nanoTime() - s;
            if (status != 202) {
                throw new IllegalStateException("webhook " + i + " answered " + status);
            }
        }
        return new Latencies(events / seconds(start), percentile(latency, 50), percentile(latency, 99));
    }

    /**
     * Three figures for the pipeline behind one staging consumer: webhook acks with processing paused (so the
     * acks compete with nothing), the drain of that backlog (processing throughput), and a live run in which the
     * same number of webhooks is processed while it arrives (end to end: first webhook to last searchable).
     */
    static String ingestAndProcess(ConfigurableApplicationContext hub, HubClient client, String consumerRoute,
                                   String bus, int events) throws Exception {
        CamelContext camel = hub.getBean(CamelContext.class);
        ContextStore store = hub.getBean(ContextStore.class);
        MeterRegistry meters = hub.getBean(MeterRegistry.class);
        StringBuilder report = new StringBuilder();

        camel.getRouteController().stopRoute(consumerRoute);
        var acks = webhooks(client, "backlog", events);
        report.append(String.format("webhook (%s):%s%s (processing paused)%n", bus, " ".repeat(Math.max(1, 9 - bus.length())),
                acks.format("acks/s")));

        long before = store.count(null);
        double embeddedBefore = embedded(meters);
        long drainStart = System.nanoTime();
        camel.getRouteController().startRoute(consumerRoute);
        awaitEvents(store, events);
        double drain = seconds(drainStart);
        long drained = store.count(null) - before;
        report.append(String.format("backlog drain:     %d documents (%.0f texts embedded) in %.1f s = %.0f documents/s"
                        + " (%.1f s of it embedding, %.1f s writing)%n",
                drained, embedded(meters) - embeddedBefore, drain, drained / drain,
                seconds(meters, "hub.embedding.duration"), seconds(meters, "hub.store.write.duration")));
        report.append(String.format("  route time: process.envelope (map, validate, render) %.1f s, "
                + "process.canonical (whole batches) %.1f s%n", routeSeconds(meters, "process.envelope"),
                routeSeconds(meters, "process.canonical")));

        double raw = rawEmbeddingPerSecond(hub.getBean(Embedder.class), renderedTexts(hub, "backlog", events));
        report.append(String.format("raw embedding of the same documents' texts: %.0f texts/s "
                + "(backlog drain / raw = %.2f)%n", raw, drained / drain / raw));

        long beforeLive = store.count(null);
        long liveStart = System.nanoTime();
        webhooks(client, "live", events);
        awaitEvents(store, 2L * events);
        double live = seconds(liveStart);
        long liveDocuments = store.count(null) - beforeLive;
        report.append(String.format("end to end, live:  %d webhooks sent one by one, %d documents searchable %.1f s "
                + "after the first = %.0f documents/s (live / raw embedding = %.2f)%n", events, liveDocuments, live,
                liveDocuments / live, liveDocuments / live / raw));
        var batches = meters.get("hub.batch.envelopes").summary();
        report.append(String.format("micro-batches:     %d, mean %.1f envelopes, max %.0f%n", batches.count(),
                batches.mean(), batches.max()));
        return report.toString();
    }

    /** The embedding texts of stored event documents, rendered by the hub's own templates. */
    private static List<String> renderedTexts(ConfigurableApplicationContext hub, String prefix, int events)
            throws Exception {
        ContextStore store = hub.getBean(ContextStore.class);
        EmbeddingText templates = hub.getBean(EmbeddingText.class);
        ObjectMapper json = new ObjectMapper();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < Math.min(events, EMBED_TEXTS); i++) {
            var document = store.get("event", "event:frontapp:msg_" + prefix + i).orElseThrow();
            texts.add(templates.render("event", json.readTree(document.json())));
        }
        return texts;
    }

    private static void awaitEvents(ContextStore store, long events) {
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> store.count("event") >= events);
    }

    private static double seconds(MeterRegistry meters, String timer) {
        return meters.get(timer).timer().totalTime(java.util.concurrent.TimeUnit.SECONDS);
    }

    private static double routeSeconds(MeterRegistry meters, String routeId) {
        var timer = meters.find("camel.route.policy").tag("routeId", routeId).timer();
        return timer == null ? Double.NaN : timer.totalTime(java.util.concurrent.TimeUnit.SECONDS);
    }

    private static double embedded(MeterRegistry meters) {
        return meters.find("hub.embeddings.computed").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static double percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
