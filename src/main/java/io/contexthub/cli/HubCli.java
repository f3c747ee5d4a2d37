package io.contexthub.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.PrintWriter;
import java.util.Set;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The integrator's commands, in the hub's own jar: {@code java -jar context-hub.jar <command>} (or {@code bin/hub
 * <command>}) runs one and exits, without starting the hub. docs/cli.md.
 */
@Command(name = "hub", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Context Hub's integrator commands. Without a command, java -jar starts the hub.",
        subcommands = {ValidateCommand.class, DryRunCommand.class, SendCommand.class, RedriveCommand.class,
            KeysCommand.class, CommandLine.HelpCommand.class})
public final class HubCli {

    /** The first arguments that mean "run a command" rather than "start the hub". */
    static final Set<String> COMMANDS = Set.of("validate", "dry-run", "send", "redrive", "keys", "help", "--help",
            "-h", "--version", "-V");

    private HubCli() {
    }

    /** True when the arguments name a command, not settings for the hub ({@code --server.port=…}). */
    public static boolean handles(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    /** Runs the command; returns its exit code (0 done, 1 what it checked is wrong, 2 the command line is). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        quietLogs();
        CommandLine command = new CommandLine(new HubCli());
        command.setOut(out);
        command.setErr(err);
        command.setExecutionExceptionHandler((failure, line, parsed) -> {
            line.getErr().println("hub " + line.getCommandName() + ": " + failure.getMessage());
            return 1;
        });
        int code = command.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The libraries the commands use log through Logback, which without the hub's setup prints everything. */
    private static void quietLogs() {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            root.setLevel(Level.WARN);
        }
    }
}
