package io.handoff.engine;

import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.kie.api.KieBase;
import org.kie.api.runtime.StatelessKieSession;

/**
 * A compiled, immutable ruleset: one KieBase shared by every evaluation, a new stateless session per
 * evaluation. Named by {@link #version()}, the SHA-256 over its sorted source paths and bytes.
 */
public final class Ruleset {
    private final String version;
    private final KieBase kieBase;
    private final Map<String, RuleLocation> locations;
    private final List<SourceFile> sources;
    private final List<CompileProblem> warnings;
    private final int maxFirings;

    Ruleset(String version, KieBase kieBase, Map<String, RuleLocation> locations, List<SourceFile> sources,
            List<CompileProblem> warnings, int maxFirings) {
        this.version = version;
        this.kieBase = kieBase;
        this.locations = Map.copyOf(locations);
        this.sources = List.copyOf(sources);
        this.warnings = List.copyOf(warnings);
        this.maxFirings = maxFirings;
    }

    public String version() {
        return version;
    }

    /** Every rule id of the ruleset with where it is written. */
    public Map<String, RuleLocation> rules() {
        return locations;
    }

    public List<SourceFile> sources() {
        return sources;
    }

    public List<CompileProblem> warnings() {
        return warnings;
    }

    /** Evaluates the facts and returns the fired rules in order, each with the facts it inserted. */
    public Evaluation evaluate(List<?> facts) {
        return evaluate(facts, () -> false);
    }

    /**
     * As {@link #evaluate(List)}; {@code stop} is asked before every firing, and once it says true the evaluation
     * ends with a {@link java.util.concurrent.CancellationException} instead of a partial result. Whoever enforces
     * a time limit sets it: the limit ends the evaluation, it never changes what the evaluation decides.
     */
    public Evaluation evaluate(List<?> facts, BooleanSupplier stop) {
        long start = System.nanoTime();
        StatelessKieSession session = kieBase.newStatelessKieSession();
        TraceListener listener = new TraceListener(locations, maxFirings, stop);
        session.addEventListener((org.kie.api.event.rule.AgendaEventListener) listener);
        session.addEventListener((org.kie.api.event.rule.RuleRuntimeEventListener) listener);
        session.execute(facts);
        return new Evaluation(version, listener.fired(), listener.capped(), System.nanoTime() - start);
    }

    /** Evaluates without any listener: the bare Drools cost, for benchmarks only. */
    public void evaluateBare(List<?> facts) {
        kieBase.newStatelessKieSession().execute(facts);
    }
}
