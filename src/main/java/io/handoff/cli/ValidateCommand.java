package io.handoff.cli;

import java.util.List;
import java.util.concurrent.Callable;

import io.handoff.engine.CompileProblem;
import io.handoff.engine.RuleSources;
import io.handoff.engine.Ruleset;
import io.handoff.engine.RulesetCompilationException;
import io.handoff.engine.RulesetCompiler;
import io.handoff.engine.SourceFile;
import io.handoff.ruleset.CaseRunner;
import io.handoff.ruleset.CompletenessProbe;
import io.handoff.ruleset.GateRoles;
import io.handoff.orchestration.MetricDefinitions;
import io.handoff.ruleset.ContractEnums;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Compiles the folders and lists every error and warning by file, sheet and row (or line). */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Compile rules and tables; check every gate role has an approver and that every probe contract reaches "
                + "an outcome; list every error and warning with file, sheet and row. Exit 1 on errors.")
final class ValidateCommand implements Callable<Integer> {
    @Mixin
    RulesOptions folders;

    @Mixin
    DirectoryOptions directory;

    @Override
    public Integer call() {
        List<CompileProblem> problems;
        String version = null;
        int rules = 0;
        List<SourceFile> sources = RuleSources.read(folders.rules, folders.tables);
        Ruleset ruleset = null;
        try {
            ruleset = new RulesetCompiler(RulesetCompiler.DEFAULT_MAX_FIRINGS, RulesetCompiler.DEFAULT_MAX_TABLE_PART_BYTES,
                    ContractEnums.values()).compile(sources);
            problems = ruleset.warnings();
            version = ruleset.version();
            rules = ruleset.rules().size();
        } catch (RulesetCompilationException e) {
            problems = e.problems();
        }
        problems.forEach(p -> System.out.println(p.severity() + "  " + p));
        long errors = problems.stream().filter(CompileProblem::isError).count();
        long warnings = problems.size() - errors;
        // every gate role needs an approver in the directory the service will run with
        DirectoryOptions.Directory approvers = directory.read();
        List<String> uncovered = GateRoles.uncovered(sources, approvers.roles());
        uncovered.forEach(p -> System.out.println("ERROR  " + p));
        errors += uncovered.size();
        System.out.println("approver directory: " + approvers.approvers().size() + " approvers from " + approvers.readFrom());
        // a ruleset for which some valid contract reaches no outcome is refused (see CompletenessProbe)
        if (ruleset != null) {
            CompletenessProbe.Result probe = new CompletenessProbe().run(ruleset, CaseRunner.read(folders.rules, folders.tables).cases());
            probe.problems().forEach(p -> System.out.println("ERROR  " + p));
            errors += probe.problems().size();
            System.out.println("completeness probe: " + probe.contracts() + " valid contracts decided, "
                    + probe.problems().size() + " without an outcome");
        }
        // the scorecard metrics next to the rules: a formula that does not parse is an error like a broken cell
        java.nio.file.Path metrics = folders.rules.resolve("metrics.yaml");
        if (java.nio.file.Files.exists(metrics)) {
            try {
                MetricDefinitions.read(metrics);
            } catch (IllegalArgumentException e) {
                System.out.println("ERROR  " + e.getMessage());
                errors++;
            }
        }
        if (errors > 0) {
            System.out.println("INVALID: " + errors + " error(s), " + warnings + " warning(s)");
            return 1;
        }
        System.out.println("VALID: " + rules + " rules, version " + version + ", " + problems.size() + " warning(s)");
        return 0;
    }
}
