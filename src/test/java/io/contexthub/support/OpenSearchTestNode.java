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
import java.util.List;
import java.util.stream.Stream;

/**
 * A real single-node OpenSearch 2.19 with the k-NN plugin for the tests, started once per test JVM from the
 * distribution Maven unpacked into target/opensearch (see pom.xml). OpenSearch refuses to run as root, so under
 * root it runs as a system user the harness creates. It listens on free loopback ports and is stopped when the
 * JVM exits.
 */
public final class OpenSearchTestNode {

    static final String USER = "hubtest-opensearch";
    static final String VERSION = System.getProperty("hub.test.opensearch.version", "2.19.1");
    static final Duration STARTUP = Duration.ofSeconds(180);
    private static OpenSearchTestNode node;

    private final String url;
    private final Process process;

    private OpenSearchTestNode(String url, Process process) {
        this.url = url;
        this.process = process;
    }

    /** The base URL of the shared node, starting it on first use. */
    public static synchronized String url() {
        if (node == null) {
            node = start();
        }
        return node.url;
    }

    private static OpenSearchTestNode start() {
        try {
            Path distribution = Path.of(System.getProperty("hub.test.opensearch.home",
                    "target/opensearch/opensearch-2.19.1")).toAbsolutePath();
            if (!Files.isDirectory(distribution.resolve("bin"))) {
                throw new IllegalStateException("no OpenSearch distribution at " + distribution
                        + "; run the tests through Maven, which unpacks it");
            }
            // A world-traversable copy: the checkout may live under a directory the system user cannot enter.
            Path home = Files.createTempDirectory("hub-opensearch-");
            TestFiles.copyTree(distribution, home);
            dropPainlessDependency(home.resolve("plugins/opensearch-knn/plugin-descriptor.properties"));
            describeAnalysisModule(home.resolve("modules/analysis-common"));
            Path data = Files.createDirectories(home.resolve("node-data"));
            Path logs = Files.createDirectories(home.resolve("node-logs"));
            int httpPort = freePort();
            int transportPort = freePort();

            List<String> command = new ArrayList<>();
            boolean root = "root".equals(System.getProperty("user.name"));
            if (root) {
                run("sh", "-c", "id " + USER + " >/dev/null 2>&1 || useradd --system --no-create-home "
                        + "--shell /usr/sbin/nologin " + USER);
                run("chown", "-R", USER, home.toString());
                command.addAll(List.of("runuser", "-u", USER, "--"));
            }
            command.addAll(List.of("env",
                    "OPENSEARCH_JAVA_HOME=" + System.getProperty("java.home"),
                    "OPENSEARCH_JAVA_OPTS=-Xms512m -Xmx512m",
                    home.resolve("bin/opensearch").toString(),
                    "-Ediscovery.type=single-node",
                    "-Enetwork.host=127.0.0.1",
                    "-Ehttp.port=" + httpPort,
                    "-Etransport.port=" + transportPort,
                    "-Epath.data=" + data,
                    "-Epath.logs=" + logs,
                    "-Ecluster.routing.allocation.disk.threshold_enabled=false"));
            Path output = home.resolve("console.log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stop(process);
                delete(home);
            }));
            String url = "http://127.0.0.1:" + httpPort;
            awaitHealthy(url, process, output);
            return new OpenSearchTestNode(url, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start OpenSearch for the tests", e);
        }
    }

    private static void awaitHealthy(String url, Process process, Path output) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(STARTUP);
        HttpRequest health = HttpRequest.newBuilder(URI.create(url
                + "/_cluster/health?wait_for_status=yellow&timeout=2s")).timeout(Duration.ofSeconds(5)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("OpenSearch exited during startup:\n" + TestFiles.tail(output, 40));
            }
            try {
                HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // The connection attempt itself is the wait; retried until the deadline.
                waitBriefly(process);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        stop(process);
        throw new IllegalStateException("OpenSearch not healthy within " + STARTUP + ":\n"
                + TestFiles.tail(output, 40));
    }

    /** Waits on the process itself, so a crash is noticed at once rather than after a fixed pause. */
    private static void waitBriefly(Process process) {
        try {
            process.waitFor(500, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // A leftover temp directory is not worth failing the build for.
        }
    }

    /**
     * k-NN declares lang-painless as a parent plugin; the integ-test distribution lacks it and the lucene engine needs
     * neither.
     */
    private static void dropPainlessDependency(Path descriptor) throws IOException {
        String text = Files.readString(descriptor);
        Files.writeString(descriptor, text.replaceAll("(?m)^extended\\.plugins=.*$", "extended.plugins="));
    }

    /**
     * Maven copies only the analysis-common jar (modules are not published as zips); a module needs its
     * descriptor beside it. Production distributions ship this module, so production indices get the same
     * analysers.
     */
    private static void describeAnalysisModule(Path module) throws IOException {
        if (!Files.isDirectory(module)) {
            throw new IllegalStateException("analysis-common module missing at " + module);
        }
        Files.writeString(module.resolve("plugin-descriptor.properties"), String.join("\n",
                "description=Adds built-in analyzers and token filters to OpenSearch.",
                "version=" + VERSION,
                "name=analysis-common",
                "classname=org.opensearch.analysis.common.CommonAnalysisPlugin",
                "java.version=11",
                "opensearch.version=" + VERSION,
                "extended.plugins=",
                "has.native.controller=false", ""));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void run(String... command) throws IOException {
        try {
            Process p = new ProcessBuilder(command).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " exited with " + p.exitValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
