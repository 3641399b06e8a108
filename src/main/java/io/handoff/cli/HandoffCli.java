package io.handoff.cli;

import java.util.Set;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar handoff-decisions.jar <command>}: the analyst tools. Without one of these commands the jar
 * starts the service.
 */
@Command(name = "handoff", mixinStandardHelpOptions = true,
        description = "Analyst tools for handoff rules and decision tables.",
        subcommands = {ValidateCommand.class, TestCommand.class, DiffCommand.class, SimulateCommand.class})
public final class HandoffCli {
    public static final Set<String> COMMANDS = Set.of("validate", "test", "diff", "simulate", "--help", "-h");

    public static boolean isCommand(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    public static int run(String... args) {
        return new CommandLine(new HandoffCli()).execute(args);
    }
}
