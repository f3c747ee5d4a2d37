package io.contexthub.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.contexthub.support.FrontEvents;
import io.contexthub.support.HubClient;
import io.contexthub.support.PackagedHub;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The Docker image built from docker/Dockerfile and the packaged jar, run as a container: a signed webhook is
 * found by search. Needs a working Docker engine; where there is none (CI machines here have only the client)
 * the test is skipped and says so.
 */
class DockerImageIT {

    static final String IMAGE = "context-hub-it:latest";

    @Test
    void theImageRunsTheHubAndIndexesASignedWebhook() throws Exception {
        Assumptions.assumeTrue(run(Duration.ofSeconds(20), "docker", "info") == 0,
                "no Docker engine answers `docker info` on this machine: the image is not built or run here "
                        + "(the packaged jar it wraps is tested by PackagedJarIT with the image's entrypoint)");
        PackagedHub.jar();
        assertThat(run(Duration.ofMinutes(10), "docker", "build", "-f", "docker/Dockerfile", "-t", IMAGE, "."))
                .isZero();
        String name = "context-hub-it-" + System.nanoTime();
        int port = PackagedHub.freePort();
        try {
            assertThat(run(Duration.ofMinutes(1), "docker", "run", "-d", "--name", name, "-p", port + ":8080",
                    "-e", "HUB_API_TOKEN=" + PackagedHub.API_TOKEN,
                    "-e", "HUB_WEBHOOKS_FRONTAPP_SECRET=" + FrontEvents.SECRET, IMAGE)).isZero();
            HubClient client = new HubClient(port, PackagedHub.API_TOKEN);
            byte[] body = FrontEvents.inbound("evt_docker", "msg_docker", "My package never arrived", null);
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> client.postFront(FrontEvents.SECRET, body).status() == 202);
            PackagedJarIT.awaitFound(client, "where is my parcel", "event:frontapp:msg_docker");
            // the class-data-sharing archive made at image build matches the extracted jar (else: a slower start)
            assertThat(output(Duration.ofMinutes(1), "docker", "logs", name)).contains("Started ContextHubApplication")
                    .doesNotContain("Unable to use shared archive");
        } finally {
            run(Duration.ofMinutes(1), "docker", "rm", "-f", name);
        }
    }

    static String output(Duration atMost, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        byte[] bytes = process.getInputStream().readAllBytes();
        process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS);
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    static int run(Duration atMost, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).directory(Path.of(".").toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}
