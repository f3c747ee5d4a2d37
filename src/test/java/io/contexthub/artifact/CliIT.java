package io.contexthub.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import io.contexthub.support.PackagedHub;
import io.contexthub.support.TestFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The CLI from the packaged jar, as an integrator runs it: {@code java -jar … validate} and the {@code bin/hub}
 * wrapper run the command and exit without starting the hub; a broken asset directory fails CI with the file named.
 * ({@code bin/hub send} against the packaged hub is in PackagedJarIT.)
 */
class CliIT {

    record Result(int code, String output) {
    }

    /** Runs a command line with the jar the build made; fails if it does not exit within a minute. */
    static Result run(Map<String, String> environment, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("HUB_JAR", PackagedHub.jar().toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the command exits by itself").isTrue();
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Test
    void theJarValidatesTheRepositorysAssetsAndExitsWithoutStartingTheHub() throws Exception {
        Result validated = run(Map.of(), java(), "-jar", PackagedHub.jar().toString(), "validate", ".");

        assertThat(validated.output()).contains("is valid").doesNotContain("Tomcat started")
                .doesNotContain("Started ContextHubApplication");
        assertThat(validated.code()).isZero();
    }

    @Test
    void binHubFailsABrokenAssetDirectoryNamingTheFile() throws Exception {
        Path assets = Files.createTempDirectory(Path.of("target"), "cli-assets-");
        for (String folder : new String[] {"routes", "mappings", "canonical-model", "connectors"}) {
            TestFiles.copyTree(Path.of(folder), assets.resolve(folder));
        }
        TestFiles.copyTree(Path.of("src/test/resources/fixtures"), assets.resolve("fixtures"));
        Files.delete(assets.resolve("mappings/stripe/webhook-to-customer.test.yaml"));

        Result validated = run(Map.of(), "bin/hub", "validate", assets.toString());

        assertThat(validated.code()).isEqualTo(1);
        assertThat(validated.output()).contains("✗ mappings/stripe/webhook-to-customer.jsonata: no golden test")
                .contains("1 problem in");
    }

    @Test
    void binHubWithoutACommandShowsTheCommandsAndStartsNothing() throws Exception {
        Result help = run(Map.of(), "bin/hub");
        Result version = run(Map.of(), "bin/hub", "--version");

        List<String> commands = new ArrayList<>(List.of("validate", "dry-run", "send", "redrive", "keys"));
        assertThat(help.output()).contains("Usage: hub").contains(commands);
        assertThat(help.code()).isZero();
        assertThat(version.output()).contains("Context Hub 0.1.0");
    }
}
