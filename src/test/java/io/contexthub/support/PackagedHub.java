package io.contexthub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The hub as users run it: the packaged jar started as its own OS process, with the command and environment the
 * Docker image uses (read from {@code docker/Dockerfile}, its volume mapped to a data folder of the test's own)
 * plus environment variables, and nothing else — no arguments, no classpath from the tests.
 */
public final class PackagedHub implements AutoCloseable {

    public static final String API_TOKEN = "artifact-token";
    static final Duration STARTUP = Duration.ofSeconds(120);

    private final Path dataDir;
    private final Map<String, String> environment;
    private final int port;
    private final Path log;
    private Process process;
    private int starts;

    private PackagedHub(Path dataDir, Map<String, String> environment, int port) {
        this.dataDir = dataDir;
        this.environment = environment;
        this.port = port;
        this.log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
    }

    /** A hub on a fresh data folder under target/, configured by {@code settings} (environment variables). */
    public static PackagedHub create(String name, Map<String, String> settings) {
        try {
            Path dataDir = Files.createDirectories(Path.of("target", "it-hubs")).toAbsolutePath()
                    .resolve(name + "-" + System.nanoTime());
            Files.createDirectories(dataDir);
            int port = freePort();
            Dockerfile image = Dockerfile.read(Path.of("docker", "Dockerfile"));
            Map<String, String> environment = new LinkedHashMap<>(image.environment(dataDir));
            environment.put("SERVER_PORT", Integer.toString(port));
            environment.put("HUB_API_TOKEN", API_TOKEN);
            environment.putAll(settings);
            return new PackagedHub(dataDir, environment, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path jar() {
        Path jar = Path.of(System.getProperty("hub.test.jar", "target/context-hub-0.1.0-SNAPSHOT.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no packaged jar at " + jar + "; run ./mvnw verify, which builds it first");
        }
        return jar.toAbsolutePath();
    }

    /** Starts the process (again, on the same data folder) and waits until it is ready. Returns the time it took. */
    public Duration start() {
        Instant begin = Instant.now();
        launch();
        awaitReady(null);
        return Duration.between(begin, Instant.now());
    }

    /**
     * Starts the process and hands every answer a webhook got while the hub was not yet ready to {@code probe};
     * returns once the hub is ready.
     */
    public Duration start(Consumer<HubClient> probe) {
        Instant begin = Instant.now();
        launch();
        awaitReady(probe);
        return Duration.between(begin, Instant.now());
    }

    /** Starts the process without waiting; for hubs expected to refuse to start. */
    public void launch() {
        Dockerfile image = Dockerfile.read(Path.of("docker", "Dockerfile"));
        List<String> command = image.command(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                jar().toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        String path = env.get("PATH");
        env.clear();
        env.put("PATH", path == null ? "/usr/bin:/bin" : path);
        env.putAll(environment);
        try {
            Files.writeString(log, "---- start " + (++starts) + " ----\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    private void awaitReady(Consumer<HubClient> probe) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest readiness = HttpRequest.newBuilder(URI.create(base() + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("the hub exited during startup (" + process.exitValue() + "):\n" + logTail());
            }
            try {
                if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
                if (probe != null) {
                    probe.accept(client());
                }
            } catch (IOException notListeningYet) {
                // Tomcat not up yet: the connection attempt was the wait.
                waitFor(process, Duration.ofMillis(100));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the hub was not ready within " + STARTUP + ":\n" + logTail());
    }

    /** SIGKILL: no shutdown hook, no flush, nothing finished. */
    public void kill() {
        process.destroyForcibly();
        waitFor(process, Duration.ofSeconds(30));
    }

    /** SIGTERM, as an orchestrator stops a container; returns the time the process took to exit. */
    public Duration terminate(Duration atMost) {
        Instant begin = Instant.now();
        process.destroy();
        if (!waitFor(process, atMost)) {
            throw new AssertionError("the hub did not exit within " + atMost + " of SIGTERM:\n" + logTail());
        }
        return Duration.between(begin, Instant.now());
    }

    /** Waits for a process that is expected to exit by itself; returns its exit code. */
    public int awaitExit(Duration atMost) {
        if (!waitFor(process, atMost)) {
            throw new AssertionError("the hub is still running after " + atMost + ":\n" + logTail());
        }
        return process.exitValue();
    }

    /** The OS process id, for measuring it (resident memory). */
    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    public HubClient client() {
        return client(API_TOKEN);
    }

    /** A client that calls the API with another bearer token (an API key). */
    public HubClient client(String token) {
        return new HubClient(port, token);
    }

    public String base() {
        return "http://localhost:" + port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String logTail() {
        List<String> lines = log().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    @Override
    public void close() {
        if (alive()) {
            kill();
        }
    }

    private static boolean waitFor(Process process, Duration atMost) {
        try {
            return process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** What the image runs: its ENTRYPOINT and ENV, and the VOLUME its data lives in. */
    record Dockerfile(List<String> entrypoint, Map<String, String> env, String volume) {

        static Dockerfile read(Path file) {
            String text;
            try {
                text = Files.readString(file).replace("\\\n", " ");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<String> entrypoint = null;
            Map<String, String> env = new LinkedHashMap<>();
            String volume = null;
            for (String line : text.lines().map(String::trim).toList()) {
                if (line.startsWith("ENTRYPOINT ")) {
                    entrypoint = new ArrayList<>();
                    var matcher = java.util.regex.Pattern.compile("\"([^\"]*)\"").matcher(line);
                    while (matcher.find()) {
                        entrypoint.add(matcher.group(1));
                    }
                } else if (line.startsWith("ENV ")) {
                    for (String pair : line.substring(4).trim().split("\\s+")) {
                        int eq = pair.indexOf('=');
                        env.put(pair.substring(0, eq), pair.substring(eq + 1));
                    }
                } else if (line.startsWith("VOLUME ")) {
                    volume = line.substring(7).trim();
                }
            }
            if (entrypoint == null || entrypoint.isEmpty() || volume == null) {
                throw new IllegalStateException(file + " has no ENTRYPOINT or VOLUME the tests can follow");
            }
            return new Dockerfile(List.copyOf(entrypoint), env, volume);
        }

        /**
         * The entrypoint with this machine's java and the jar the build made. The image's class-data-sharing
         * archive is left out: it is made at image build for the extracted jar (RestartBenchmark measures that).
         */
        List<String> command(String java, String jar) {
            List<String> command = new ArrayList<>();
            for (String part : entrypoint) {
                if (!part.startsWith("-XX:SharedArchiveFile=")) {
                    command.add(part.equals("java") ? java : part.endsWith(".jar") ? jar : part);
                }
            }
            return command;
        }

        /** The image's environment, with paths in its volume moved into {@code dataDir}. */
        Map<String, String> environment(Path dataDir) {
            Map<String, String> mapped = new LinkedHashMap<>();
            env.forEach((name, value) -> mapped.put(name,
                    value.startsWith(volume) ? dataDir + value.substring(volume.length()) : value));
            return mapped;
        }
    }
}
