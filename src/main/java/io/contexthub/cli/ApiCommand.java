package io.contexthub.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that calls the running hub's API: the connection options, and how an answer is printed. */
abstract class ApiCommand implements Callable<Integer> {

    @Mixin
    HubConnection hub;

    @Spec
    CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** The API's refusal on stderr, in its own words; exit code 1. */
    int refused(HubConnection.Reply reply) {
        spec.commandLine().getErr().println(reply.problem());
        return 1;
    }

    /** The answer's JSON, or the refusal; the exit code says which. */
    int print(HubConnection.Reply reply) throws Exception {
        if (!reply.ok()) {
            return refused(reply);
        }
        out().println(HubConnection.pretty(reply.body()));
        return 0;
    }
}
