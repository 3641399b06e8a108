package io.handoff.engine;

import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.kie.api.KieBase;
import org.kie.api.runtime.StatelessKieSession;

/**
 * A compiled, immutable ruleset: one KieBase shared by every evaluation, a new stateless session per
 * evaluation. Named by {@link #version()} ({@link RulesetVersion}): its rule files, tables and cases.
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

    /**
     * The same compiled ruleset under another name of the same files ({@link RulesetVersion#names}): the name older
     * data knows it by, so that it is not compiled again to be known by that name.
     */
    public Ruleset named(String other) {
        if (!RulesetVersion.names(other, sources)) {
            throw new IllegalArgumentException(other + " does not name the files of version " + version);
        }
        return new Ruleset(other, kieBase, locations, sources, warnings, maxFirings);
    }

    /** Every rule id of the ruleset with where it is written. */
    public Map<String, RuleLocation> rules() {
        return locations;
    }

    /** Every file of the version: rule files, tables and case files. */
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
