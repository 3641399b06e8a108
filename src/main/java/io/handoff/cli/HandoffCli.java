package io.handoff.cli;

import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar handoff-decisions.jar <command>}: the analyst tools, and the auditor's offline {@code verify-export}. Without one of these commands the jar
 * starts the service.
 */
@Command(name = "handoff", mixinStandardHelpOptions = true,
        description = "Analyst tools for handoff rules and decision tables.",
        subcommands = {ValidateCommand.class, TestCommand.class, DiffCommand.class, SimulateCommand.class, TryCommand.class,
                CandidateCheckCommand.class, VerifyExportCommand.class})
public final class HandoffCli {
    public static final Set<String> COMMANDS = Set.of("validate", "test", "diff", "simulate", "try", "candidate-check", "verify-export", "--help",
            "-h");

    public static boolean isCommand(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    public static int run(String... args) {
        quietLibraries();
        return new CommandLine(new HandoffCli()).execute(args);
    }

    /** Without Spring, logback would print Drools' and POI's debug output between the analyst's results. */
    private static void quietLibraries() {
        if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }
}
