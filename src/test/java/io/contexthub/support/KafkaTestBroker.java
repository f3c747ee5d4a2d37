package io.contexthub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft Kafka broker as its own OS process, from the Kafka jars already on the test classpath. Unlike
 * the embedded broker it can be stopped and started again on the same port and log directory, so tests can take
 * the bus away from a running hub and give it back.
 */
public final class KafkaTestBroker implements AutoCloseable {

    static final Duration STARTUP = Duration.ofSeconds(90);

    private final Path dir;
    private final int port;
    private Process process;

    private KafkaTestBroker(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public static KafkaTestBroker start() {
        try {
            Path dir = Files.createDirectories(Path.of("target", "it-kafka")).toAbsolutePath()
                    .resolve("broker-" + System.nanoTime());
            Files.createDirectories(dir.resolve("logs"));
            int port = PackagedHub.freePort();
            int controller = PackagedHub.freePort();
            Files.writeString(dir.resolve("server.properties"), String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.voters=1@127.0.0.1:" + controller,
                    "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                    "controller.listener.names=CONTROLLER",
                    "inter.broker.listener.name=PLAINTEXT",
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                    "log.dirs=" + dir.resolve("logs"),
                    "offsets.topic.replication.factor=1",
                    "offsets.topic.num.partitions=1",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "group.initial.rebalance.delay.ms=0",
                    "auto.create.topics.enable=false", ""));
            run(dir, "format", List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                    "-c", dir.resolve("server.properties").toString()));
            KafkaTestBroker broker = new KafkaTestBroker(dir, port);
            broker.resume();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Stops the broker (SIGKILL: an outage, not a maintenance window). */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts the broker again on the same port and data, and waits until it listens. */
    public void resume() {
        process = launch(dir, "broker", List.of("kafka.Kafka", dir.resolve("server.properties").toString()));
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka exited during startup:\n"
                        + TestFiles.tail(dir.resolve("broker.log"), 40));
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                try {
                    process.waitFor(200, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        throw new IllegalStateException("Kafka not listening within " + STARTUP);
    }

    @Override
    public void close() {
        stop();
    }

    private static void run(Path dir, String name, List<String> mainAndArgs) {
        Process process = launch(dir, name, mainAndArgs);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("Kafka " + name + " failed:\n"
                        + TestFiles.tail(dir.resolve(name + ".log"), 40));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Process launch(Path dir, String name, List<String> mainAndArgs) {
        var command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xms256m", "-Xmx512m", "-cp", System.getProperty("java.class.path")));
        command.addAll(mainAndArgs);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile())).start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
