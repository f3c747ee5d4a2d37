package io.contexthub.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The alert rules shipped in docker/prometheus are valid Prometheus rules, fire on the series their unit tests
 * describe (promtool, from Debian's package, fetched by build-config/promtool.sh), and watch only metrics the hub
 * documents — as does the Grafana dashboard.
 */
class AlertRulesTest {

    static final Path RULES = Path.of("docker/prometheus/alerts.yml");
    static final Path DASHBOARD = Path.of("docker/grafana/dashboards/context-hub.json");
    static final Pattern METRIC = Pattern.compile("\\b((?:hub|camel)_[a-z0-9_]+)");

    @Test
    void theRulesAreValidAndFireOnWhatTheirTestsDescribe() throws Exception {
        String promtool = run(List.of("bash", "build-config/promtool.sh"), Path.of(".")).trim();
        assertThat(run(List.of(promtool, "check", "rules", "alerts.yml"), RULES.getParent()))
                .contains("SUCCESS: 7 rules found");
        assertThat(run(List.of(promtool, "test", "rules", "alerts.test.yml"), RULES.getParent())).contains("SUCCESS");
        assertThat(Files.readString(Path.of("docker/prometheus/prometheus.yml"))).contains("alerts.yml");
    }

    @Test
    void everyMetricTheRulesAndTheDashboardWatchIsOneTheHubDocuments() throws IOException {
        String catalogue = Files.readString(Path.of("docs/operations.md"));
        Set<String> watched = new TreeSet<>();
        for (Path file : List.of(RULES, DASHBOARD)) {
            for (String line : Files.readAllLines(file)) {
                if (line.contains("expr")) {
                    Matcher metric = METRIC.matcher(line);
                    while (metric.find()) {
                        watched.add(metric.group(1).replaceAll("_(bucket|sum|count)$", ""));
                    }
                }
            }
        }
        assertThat(watched).contains("hub_sync_last_finished_timestamp_seconds", "hub_backlog_envelopes",
                "hub_circuit_breaker_open", "hub_source_last_staged_timestamp_seconds", "hub_sync_lag_seconds");
        assertThat(watched).allSatisfy(name -> assertThat(catalogue).as("docs/operations.md names " + name)
                .contains(name));
    }

    private static String run(List<String> command, Path directory) throws Exception {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ":\n" + output).isZero();
        return output;
    }
}
