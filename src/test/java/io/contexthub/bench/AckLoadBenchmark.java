package io.contexthub.bench;

import io.contexthub.staging.FileDeliveryKeys;
import io.contexthub.support.FrontEvents;
import io.contexthub.support.FrontSigner;
import io.contexthub.support.KafkaTestBroker;
import io.contexthub.support.PackagedHub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Webhook acknowledgements of the packaged jar under concurrent load: signed Front webhooks over 16 (and 2)
 * keep-alive connections with processing paused, so the ack path (verify, duplicate check, durable spool write,
 * key recorded, 202) competes only with the load generator. Reports the rate in windows against the number of
 * delivery keys the hub has seen (0 to 1,000,000, the last ones seeded into the key file between two starts), the
 * latency at half the peak rate (open loop), restart time and resident memory. Run:
 * {@code ./mvnw package -DskipTests && ./mvnw test -Pbenchmark -Dtest=AckLoadBenchmark}; figures go to
 * docs/performance.md.
 */
@Tag("benchmark")
class AckLoadBenchmark {

    static final int WINDOW = 10_000;
    static final int SEEDED_KEYS = 1_000_000;
    /** Requests before the first window: the JIT compiles the ack path over the first tens of thousands. */
    static final int WARMUP = 40_000;

    @Test
    void report() throws Exception {
        if (Boolean.getBoolean("bench.kafka")) {
            kafka();
            return;
        }
        Report report = new Report("webhook acks, packaged jar");
        report.append("cores: ").append(Runtime.getRuntime().availableProcessors()).append('\n');
        try (PackagedHub hub = PackagedHub.create("acks", settings(Map.of()))) {
            int seen = peakAndLatency(hub, report);
            report.append(String.format("duplicates, 16 connections: %s%n",
                    HttpLoad.run(port(hub), 16, 0, webhooks("w0", WINDOW)).format()));
            // -Dbench.restart=false ends here: enough to compare two builds' acks at the same hour
            if (!Boolean.parseBoolean(System.getProperty("bench.restart", "true"))) {
                hub.terminate(Duration.ofSeconds(60));
                report.close();
                return;
            }

            hub.terminate(Duration.ofSeconds(60));
            seedKeys(hub.dataDir(), SEEDED_KEYS);
            Duration restarted = hub.start();
            report.append(String.format("restart to ready with %,d keys on file and %,d envelopes staged: %.1f s%n",
                    SEEDED_KEYS + seen, seen, restarted.toMillis() / 1e3));
            HttpLoad.run(port(hub), 16, 0, webhooks("warm2", WARMUP));
            seen += SEEDED_KEYS + WARMUP;
            for (int w = 0; w < 3; w++) {
                HttpLoad.Result result = HttpLoad.run(port(hub), 16, 0, webhooks("m" + w, WINDOW));
                report.append(String.format("16 connections, keys seen %,9d: %s%n", seen, result.format()));
                seen += WINDOW;
            }
            report.append(String.format("resident memory: %d MiB%n", residentMiB(hub.pid())));
            hub.terminate(Duration.ofSeconds(60)); // a clean exit writes the JFR recording
        }
        report.close();
    }

    /** The same on Kafka staging ({@code -Dbench.kafka=true}): a KRaft broker on the same machine, acks=all. */
    void kafka() throws Exception {
        Report report = new Report("webhook acks, packaged jar, Kafka staging");
        try (KafkaTestBroker kafka = KafkaTestBroker.start();
             PackagedHub hub = PackagedHub.create("acks-kafka", settings(Map.of("HUB_STAGING", "kafka",
                     "SPRING_KAFKA_BOOTSTRAPSERVERS", kafka.bootstrapServers())))) {
            peakAndLatency(hub, report);
            hub.terminate(Duration.ofSeconds(60));
        }
        report.close();
    }

    /** Start, warm up, windows at 16 connections, 2 connections, open loop at half the peak; returns keys seen. */
    private static int peakAndLatency(PackagedHub hub, Report report) throws Exception {
        Duration started = hub.start();
        report.append(String.format("start to ready (empty data folder): %.1f s%n", started.toMillis() / 1e3));
        int port = port(hub);
        HttpLoad.run(port, 16, 0, webhooks("warm", WARMUP));
        int seen = WARMUP;
        double peak = 0;
        for (int w = 0; w < Integer.getInteger("bench.windows", 5); w++) {
            long cpu = cpuMillis(hub.pid());
            HttpLoad.Result result = HttpLoad.run(port, 16, 0, webhooks("w" + w, WINDOW));
            report.append(String.format("16 connections, keys seen %,9d: %s, hub CPU %.0f ms per 1,000 acks%n", seen,
                    result.format(), (cpuMillis(hub.pid()) - cpu) * 1000.0 / WINDOW));
            seen += WINDOW;
            peak = Math.max(peak, result.perSecond());
        }
        long cpu = cpuMillis(hub.pid());
        HttpLoad.Result two = HttpLoad.run(port, 2, 0, webhooks("two", WINDOW / 2));
        report.append(String.format(" 2 connections, keys seen %,9d: %s, hub CPU %.0f ms per 1,000 acks%n", seen,
                two.format(), (cpuMillis(hub.pid()) - cpu) * 1000.0 / (WINDOW / 2)));
        seen += WINDOW / 2;
        double half = peak / 2;
        int paced = (int) Math.min(20_000, half * 8);
        report.append(String.format("open loop at %,.0f req/s (half the peak), 16 connections: %s%n", half,
                HttpLoad.run(port, 16, half, webhooks("half", paced)).format()));
        seen += paced;
        report.append(String.format("resident memory after %,d acks: %d MiB%n", seen, residentMiB(hub.pid())));
        return seen;
    }

    private static Map<String, String> settings(Map<String, String> extra) {
        Map<String, String> settings = new java.util.HashMap<>(Map.of("HUB_WEBHOOKS_FRONTAPP_SECRET",
                FrontEvents.SECRET, "HUB_PROCESSING_AUTOSTARTUP", "false", "HUB_WEBHOOKS_RATELIMIT_REQUESTS", "10000000",
                "LOGGING_LEVEL_IO_CONTEXTHUB", "WARN"));
        settings.putAll(extra);
        // -Dbench.jfr=/tmp/acks.jfr records a JFR profile of the hub; -Dbench.jvm="..." adds JVM options
        // (e.g. -Xlog:gc:file=/tmp/gc.log, or another collector)
        String options = System.getProperty("bench.jvm", "");
        String jfr = System.getProperty("bench.jfr");
        if (jfr != null) {
            options += " -XX:StartFlightRecording=dumponexit=true,filename=" + jfr + ",settings=profile";
        }
        if (!options.isBlank()) {
            settings.put("JAVA_TOOL_OPTIONS", options.trim());
        }
        return settings;
    }

    private static int port(PackagedHub hub) {
        return Integer.parseInt(hub.base().substring(hub.base().lastIndexOf(':') + 1));
    }

    /** {@code count} distinct signed Front webhooks, signed now (Front's timestamp window is 5 minutes). */
    static byte[][] webhooks(String prefix, int count) {
        return HttpLoad.requests(count, i -> {
            byte[] body = FrontEvents.inbound("evt_" + prefix + "_" + i, "msg_" + prefix + "_" + i,
                    "Order " + i + " has not arrived yet; can you check where the parcel is?", null);
            return HttpLoad.post("/webhooks/frontapp", FrontSigner.headers(FrontEvents.SECRET,
                    System.currentTimeMillis(), body), body);
        });
    }

    /** Delivery keys as the hub records them, as if it had staged that many other events before. */
    static void seedKeys(Path dataDir, int count) throws Exception {
        Path file = dataDir.resolve("idempotency").resolve("webhooks.dat");
        try (FileDeliveryKeys keys = new FileDeliveryKeys(file, 2 * count)) {
            for (int i = 0; i < count; i++) {
                keys.remember("frontapp:evt_seeded_" + i);
            }
        }
    }

    /**
     * The CPU time the hub's process has used (user + system, from /proc), in milliseconds: per request it measures
     * the ack path's cost without the noise a shared machine puts into requests per second.
     */
    static long cpuMillis(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields after the command: state is [0], so utime (14th overall) is [11] and stime [12]; ticks of 10 ms
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    static long residentMiB(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }
}
