package io.handoff.cli;

import java.util.List;
import java.util.concurrent.Callable;

import io.handoff.engine.CompileProblem;
import io.handoff.engine.RuleSources;
import io.handoff.engine.Ruleset;
import io.handoff.engine.RulesetCompilationException;
import io.handoff.engine.RulesetCompiler;
import io.handoff.orchestration.MetricDefinitions;
import io.handoff.ruleset.ContractEnums;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Compiles the folders and lists every error and warning by file, sheet and row (or line). */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Compile rules and tables; list every error and warning with file, sheet and row. Exit 1 on errors.")
final class ValidateCommand implements Callable<Integer> {
    @Mixin
    RulesOptions folders;

    @Override
    public Integer call() {
        List<CompileProblem> problems;
        String version = null;
        int rules = 0;
        try {
            Ruleset ruleset = new RulesetCompiler(RulesetCompiler.DEFAULT_MAX_FIRINGS, RulesetCompiler.DEFAULT_MAX_TABLE_PART_BYTES,
                    ContractEnums.values()).compile(RuleSources.read(folders.rules, folders.tables));
            problems = ruleset.warnings();
            version = ruleset.version();
            rules = ruleset.rules().size();
        } catch (RulesetCompilationException e) {
            problems = e.problems();
        }
        problems.forEach(p -> System.out.println(p.severity() + "  " + p));
        long errors = problems.stream().filter(CompileProblem::isError).count();
        long warnings = problems.size() - errors;
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
