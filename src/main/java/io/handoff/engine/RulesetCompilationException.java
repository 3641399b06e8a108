package io.handoff.engine;

import java.util.List;
import java.util.stream.Collectors;

/** A ruleset that does not compile, with every problem found (not just the first). */
public class RulesetCompilationException extends RuntimeException {
    private final List<CompileProblem> problems;

    public RulesetCompilationException(List<CompileProblem> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    public List<CompileProblem> problems() {
        return problems;
    }

    private static String summary(List<CompileProblem> problems) {
        long errors = problems.stream().filter(CompileProblem::isError).count();
        return "ruleset does not compile: " + errors + " error(s)\n  "
                + problems.stream().map(p -> p.severity() + " " + p).collect(Collectors.joining("\n  "));
    }
}
