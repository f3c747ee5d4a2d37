package io.contexthub.bench;

import io.contexthub.embedding.Embedder;
import io.contexthub.support.FrontEvents;
import io.contexthub.support.HubClient;
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
        List<String> texts = sentences(EMBED_TEXTS);
        embedder.embed(texts.subList(0, 64));
        long start = System.nanoTime();
        embedder.embed(texts);
        return EMBED_TEXTS / seconds(start);
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

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static double percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
