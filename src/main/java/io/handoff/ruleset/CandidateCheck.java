package io.handoff.ruleset;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import io.handoff.contract.ContractValidator;
import io.handoff.decision.DecisionService;
import io.handoff.engine.CompileProblem;
import io.handoff.engine.RuleSources;
import io.handoff.engine.Ruleset;
import io.handoff.engine.RulesetCompilationException;
import io.handoff.engine.RulesetCompiler;
import io.handoff.engine.SourceFile;

/**
 * The quality gate for a candidate: compile its sources and run every case next to them. The
 * {@code candidate-check} command runs it in a child JVM for the service; it needs no database and no Spring.
 */
public final class CandidateCheck {
    private final RulesetCompiler compiler;
    private final CaseRunner runner;

    public CandidateCheck(RulesetCompiler compiler) {
        this.compiler = compiler;
        this.runner = new CaseRunner(new DecisionService(new ContractValidator(), () -> null, Clock.systemUTC()));
    }

    /** {@code onCase} hears each case's file before it runs, so that a check that dies can say where. */
    public CheckReport run(Path rules, Path tables, Consumer<String> onCase) {
        return run(rules, tables, null, onCase);
    }

    /**
     * As above, and, when {@code approverRoles} is not null (the roles the running service's approver directory holds),
     * refuses a gate whose role no approver holds. A ruleset for which a probe contract reaches no outcome is refused
     * too ({@link CompletenessProbe}).
     */
    public CheckReport run(Path rules, Path tables, Set<String> approverRoles, Consumer<String> onCase) {
        String version = "";
        String[] current = {null};
        try {
            List<SourceFile> sources = RuleSources.read(rules, tables);
            version = RulesetCompiler.version(sources);
            CaseFiles cases = CaseRunner.read(rules, tables);
            Ruleset ruleset = compiler.compile(sources);
            List<CaseResult> results = runner.runAll(cases, ruleset, c -> {
                current[0] = c.file();
                onCase.accept(c.file());
            });
            List<String> refused = new ArrayList<>();
            if (approverRoles != null) {
                refused.addAll(GateRoles.uncovered(sources, approverRoles));
            }
            current[0] = "completeness probe";
            onCase.accept("completeness probe");
            refused.addAll(new CompletenessProbe().run(ruleset, cases.cases()).problems());
            return report(version, ruleset, cases, results, refused);
        } catch (RulesetCompilationException e) {
            return new CheckReport(version, false, texts(e.problems(), true), texts(e.problems(), false), 0, 0, List.of(),
                    List.of(), null);
        } catch (RuntimeException e) {
            return CheckReport.failed(version, "candidate could not be evaluated: " + FirstLine.of(e), current[0]);
        }
    }

    private static CheckReport report(String version, Ruleset ruleset, CaseFiles cases, List<CaseResult> results,
                                      List<String> refused) {
        List<String> failures = results.stream().filter(r -> !r.passed()).map(r -> r.file() + ": " + r.mismatches()).toList();
        List<String> uncovered = Coverage.uncovered(ruleset, results).entrySet().stream()
                .map(e -> e.getKey() + " (" + e.getValue().describe() + ")").toList();
        List<String> problems = new ArrayList<>(refused);
        if (cases.size() == 0) {
            problems.add("no cases: a ruleset without cases cannot pass the quality gate");
        }
        return new CheckReport(version, failures.isEmpty() && problems.isEmpty(), problems,
                ruleset.warnings().stream().map(Object::toString).toList(), results.size() - failures.size(), failures.size(),
                failures, uncovered, null);
    }

    private static List<String> texts(List<CompileProblem> problems, boolean errors) {
        return problems.stream().filter(p -> p.isError() == errors).map(Object::toString).toList();
    }
}
