package io.handoff.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** Where the rules and tables are; the same defaults as the service. */
final class RulesOptions {
    @Option(names = "--rules", defaultValue = "rules", description = "DRL folder (default: ${DEFAULT-VALUE})")
    Path rules;

    @Option(names = "--tables", defaultValue = "decision-tables", description = "decision table folder (default: ${DEFAULT-VALUE})")
    Path tables;
}
