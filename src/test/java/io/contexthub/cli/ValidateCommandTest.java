package io.contexthub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.contexthub.support.TestFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hub validate}: the repository's own assets pass; each kind of broken asset is named precisely. */
class ValidateCommandTest {

    @TempDir
    Path dir;

    /** Runs the CLI in-process; returns the exit code and what it printed. */
    static Run hub(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = HubCli.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    record Run(int code, String out, String err) {
    }

    Path copyOfTheAssets() throws IOException {
        for (String folder : new String[] {"routes", "mappings", "canonical-model", "connectors"}) {
            TestFiles.copyTree(Path.of(folder), dir.resolve(folder));
        }
        TestFiles.copyTree(Path.of("src/test/resources/fixtures"), dir.resolve("fixtures"));
        return dir;
    }

    static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }

    @Test
    void theRepositorysAssetsAreValid() {
        Run run = hub("validate", ".");

        assertThat(run.out()).contains("is valid").contains("golden cases").contains("route files")
                .doesNotContain("✗");
        assertThat(run.code()).isZero();
    }

    @Test
    void everyKindOfBrokenAssetIsNamedWithItsFile() throws IOException {
        Path assets = copyOfTheAssets();
        edit(assets.resolve("routes/api.yaml"), "        - bean:\n            ref: sourcesApi",
                "        - beann:\n            ref: sourcesApi");
        edit(assets.resolve("routes/processing.yaml"), "id: process.envelope", "id: api.sources.list");
        Files.delete(assets.resolve("mappings/stripe/webhook-to-invoice.test.yaml"));
        edit(assets.resolve("mappings/frontapp/events-to-event.jsonata"), "\"channel\": $message.type,",
                "\"channel\": $count($message.recipients),");
        Files.writeString(assets.resolve("mappings/ga4/reports-to-event.jsonata"), "{ \"broken\": ");
        edit(assets.resolve("connectors/stripe/connector.yaml"), "stream: webhook", "stream: hooks");

        Run run = hub("validate", assets.toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out())
                .contains("✗ routes/api.yaml: does not parse")
                .contains("beann")
                .contains("✗ routes/processing.yaml: route id api.sources.list is also used in routes/api.yaml")
                .contains("✗ mappings/stripe/webhook-to-invoice.jsonata: no golden test")
                .contains("✗ mappings/frontapp/events-to-event.jsonata :: ")
                .contains("/channel")
                .contains("✗ mappings/ga4/reports-to-event.jsonata: JSONata expression mappings/ga4/reports-to-event"
                        + ".jsonata does not compile")
                .contains("✗ connectors/stripe/connector.yaml: webhooks stage into stream hooks, which streams does not "
                        + "declare")
                .containsPattern("\\d+ problems in ");
    }

    @Test
    void aDirectoryWithoutTheAssetFoldersIsRefusedNamingWhatIsMissing() {
        Run run = hub("validate", dir.toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("has no routes/ folder");
    }

    @Test
    void aMistypedCommandLineIsAUsageError() {
        Run run = hub("validate", "--fixturez", "x");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option: '--fixturez'").contains("Possible solutions: --fixtures");
    }
}
