package io.contexthub.bench;

import io.contexthub.support.PackagedHub;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * Process start to readiness (webhooks accepted), three ways of running the packaged jar: {@code java -jar} on the
 * boot jar; the jar extracted ({@code -Djarmode=tools extract}); extracted with the class-data-sharing archive that
 * docker/Dockerfile makes at image build (one start with {@code -XX:ArchiveClassesAtExit} and
 * {@code -Dspring.context.exit=onRefresh}). {@code ./mvnw package -DskipTests && ./mvnw test -Pbenchmark
 * -Dtest=RestartBenchmark}; figures go to docs/performance.md#restarts.
 */
@Tag("benchmark")
class RestartBenchmark {

    static final int RUNS = 3;
    static final Path WORK = Path.of("target", "bench-restart").toAbsolutePath();
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @Test
    void bootJarExtractedAndExtractedWithClassDataSharing() throws Exception {
        FileSystemUtils.deleteRecursively(WORK);
        Path app = WORK.resolve("app");
        run(List.of(JAVA, "-Djarmode=tools", "-jar", PackagedHub.jar().toString(), "extract", "--destination",
                app.toString()), WORK, Map.of());
        Path extracted;
        try (var jars = Files.list(app)) {
            extracted = jars.filter(f -> f.toString().endsWith(".jar")).findFirst().orElseThrow();
        }
        Path archive = app.resolve("context-hub.jsa");
        run(List.of(JAVA, "-XX:ArchiveClassesAtExit=" + archive, "-Dspring.context.exit=onRefresh", "-jar",
                extracted.toString()), app, Map.of("HUB_DATADIR", WORK.resolve("training").toString()));

        Map<String, List<String>> modes = Map.of(
                "1 boot jar (java -jar)", List.of("-jar", PackagedHub.jar().toString()),
                "2 extracted", List.of("-jar", extracted.toString()),
                "3 extracted + CDS archive (the image)", List.of("-XX:SharedArchiveFile=" + archive, "-jar",
                        extracted.toString()));
        System.out.printf("%nrestart to readiness, %d runs each, empty data folder:%n", RUNS);
        for (String mode : modes.keySet().stream().sorted().toList()) {
            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                millis.add(startToReady(modes.get(mode), WORK.resolve("data-" + mode.charAt(0) + "-" + i)).toMillis());
            }
            System.out.printf("  %-40s %s ms%n", mode, millis);
        }
    }

    static Duration startToReady(List<String> args, Path data) throws Exception {
        int port = PackagedHub.freePort();
        List<String> command = new ArrayList<>(List.of(JAVA, "-XX:MaxRAMPercentage=75"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(data.resolveSibling(data.getFileName() + ".log").toFile());
        builder.environment().putAll(Map.of("HUB_API_TOKEN", "bench", "HUB_DATADIR", data.toString(),
                "SERVER_PORT", Integer.toString(port), "DJL_OFFLINE", "true"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest readiness = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/actuator/health/readiness")).timeout(Duration.ofSeconds(2)).build();
        long start = System.nanoTime();
        Process process = builder.start();
        try {
            while (process.isAlive()) {
                try {
                    if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return Duration.ofNanos(System.nanoTime() - start);
                    }
                } catch (IOException notListeningYet) {
                    process.waitFor(50, java.util.concurrent.TimeUnit.MILLISECONDS);
                }
            }
            throw new AssertionError("the hub exited during startup: " + command);
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    static void run(List<String> command, Path dir, Map<String, String> env) throws Exception {
        Files.createDirectories(dir);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).inheritIO();
        builder.environment().putAll(env);
        builder.environment().putAll(Map.of("HUB_API_TOKEN", "bench", "DJL_OFFLINE", "true", "SERVER_PORT", "0"));
        int exit = builder.start().waitFor();
        if (exit != 0) {
            throw new AssertionError(command + " exited " + exit);
        }
    }
}
