package io.handoff.cli;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.handoff.contract.ContractValidator;
import io.handoff.decision.DecisionService;
import io.handoff.engine.RuleLocation;
import io.handoff.engine.RuleSources;
import io.handoff.engine.Ruleset;
import io.handoff.engine.RulesetCompilationException;
import io.handoff.engine.RulesetCompiler;
import io.handoff.ruleset.CaseFiles;
import io.handoff.ruleset.CaseResult;
import io.handoff.ruleset.CaseRunner;
import io.handoff.ruleset.Coverage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Runs every case next to the rules: pass/fail per case with the differing fields, then rule coverage. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Run every case in <rules>/cases and <tables>/cases; print failures and rule coverage. Exit 1 on failure.")
final class TestCommand implements Callable<Integer> {
    @Mixin
    RulesOptions folders;

    @Override
    public Integer call() {
        Ruleset ruleset;
        try {
            ruleset = new RulesetCompiler().compile(RuleSources.read(folders.rules, folders.tables));
        } catch (RulesetCompilationException e) {
            e.problems().forEach(p -> System.out.println(p.severity() + "  " + p));
            System.out.println("FAILED: the ruleset does not compile");
            return 1;
        }
        CaseFiles cases = CaseRunner.read(folders.rules, folders.tables);
        CaseRunner runner = new CaseRunner(new DecisionService(new ContractValidator(), () -> ruleset, Clock.systemUTC()));
        List<CaseResult> results = runner.runAll(cases, ruleset, c -> { });
        long failed = 0;
        for (CaseResult result : results) {
            System.out.println((result.passed() ? "PASS  " : "FAIL  ") + result.file() + "  " + result.name());
            for (CaseResult.Mismatch mismatch : result.mismatches()) {
                System.out.println("        " + mismatch);
            }
            failed += result.passed() ? 0 : 1;
        }
        Map<String, RuleLocation> uncovered = Coverage.uncovered(ruleset, results);
        int total = ruleset.rules().size();
        System.out.printf("%nCOVERAGE: %d of %d rules fired by some case (%.0f%%)%n", total - uncovered.size(), total,
                100.0 * (total - uncovered.size()) / Math.max(1, total));
        uncovered.forEach((id, location) -> System.out.println("  not covered: " + id + "  " + location.describe()));
        System.out.printf("%n%s: %d passed, %d failed of %d cases%n", failed == 0 ? "PASSED" : "FAILED",
                results.size() - failed, failed, results.size());
        return failed == 0 ? 0 : 1;
    }
}
