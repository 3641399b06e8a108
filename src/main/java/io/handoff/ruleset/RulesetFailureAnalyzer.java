package io.handoff.ruleset;

import java.util.stream.Collectors;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import io.handoff.engine.CompileProblem;
import io.handoff.engine.RulesetCompilationException;

/** Turns a ruleset that does not compile into a startup report an analyst can act on, one line per problem. */
class RulesetFailureAnalyzer extends AbstractFailureAnalyzer<RulesetCompilationException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RulesetCompilationException cause) {
        String problems = cause.problems().stream()
                .map(p -> "  " + p.severity() + "  " + p)
                .collect(Collectors.joining("\n"));
        long errors = cause.problems().stream().filter(CompileProblem::isError).count();
        return new FailureAnalysis(
                "The ruleset does not compile (" + errors + " error(s)); the service will not start on it:\n" + problems,
                "Fix the listed cells or lines (or run the cases with ./mvnw verify) and start again.", cause);
    }
}
