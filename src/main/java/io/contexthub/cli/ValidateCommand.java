package io.contexthub.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hub validate [assets-dir]}: exit 0 when the directory would run, 1 with every problem named. */
@Command(name = "validate", description = {
    "Checks an assets directory (routes/, mappings/, canonical-model/, connectors/) before the hub runs it:",
    "route files parse with explicit unique ids, mappings compile and pass their golden tests, schemas and",
    "embedding templates load, connector descriptors match their mappings. Exit 0 when valid, 1 otherwise."})
final class ValidateCommand implements Callable<Integer> {

    @Parameters(index = "0", defaultValue = ".", description = "the assets directory (default: the current one)")
    Path dir;

    @Option(names = "--fixtures", description = "where golden tests' fixture files are (default: <dir>/fixtures, "
            + "then <dir>/src/test/resources/fixtures)")
    Path fixtures;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        AssetsValidation validation = new AssetsValidation(dir, fixtures);
        List<String> problems = validation.run();
        var out = spec.commandLine().getOut();
        problems.forEach(problem -> out.println("✗ " + problem));
        StringBuilder checked = new StringBuilder();
        new TreeMap<>(validation.counts()).forEach((what, count) -> checked.append(checked.isEmpty() ? "" : ", ")
                .append(count).append(' ').append(what));
        if (problems.isEmpty()) {
            out.println("✓ " + dir + " is valid (" + checked + ")");
            return 0;
        }
        out.println(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in " + dir
                + " (checked " + checked + ")");
        return 1;
    }
}
