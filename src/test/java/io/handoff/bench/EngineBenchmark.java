package io.handoff.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import io.handoff.engine.RuleSources;
import io.handoff.engine.Ruleset;
import io.handoff.engine.RulesetCompiler;
import io.handoff.engine.SourceFile;
import io.handoff.rulemodel.Handoff;

/**
 * The engine path the service uses (new stateless session + trace listener collecting every fired rule and
 * inserted fact) against a bare {@code StatelessKieSession.execute} of the same KieBase without listener,
 * over the facts of every shipped case. Prints evaluations/s of both and the ratio; writes
 * target/bench/engine.json. Run: {@code ./mvnw -q -Pbench test-compile exec:exec}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class EngineBenchmark {
    private Ruleset ruleset;
    private Ruleset scoringSheet;
    private List<List<Handoff>> facts;
    private int next;

    @Setup
    public void setUp() {
        List<SourceFile> sources = RuleSources.read(Path.of("rules"), Path.of("decision-tables"));
        ruleset = new RulesetCompiler().compile(sources);
        scoringSheet = new RulesetCompiler().compile(sources.stream().filter(s -> s.path().endsWith("scoring.xlsx")).toList());
        facts = BenchContracts.caseFacts();
    }

    /** Drools with trace on the Scoring sheet alone: the same logic as {@link #handWrittenScoring}. */
    @Benchmark
    public void scoringSheetTraced(Blackhole sink) {
        sink.consume(scoringSheet.evaluate(nextFacts()));
    }

    /** The Scoring sheet written by hand in Java. */
    @Benchmark
    public void handWrittenScoring(Blackhole sink) {
        sink.consume(HandWrittenScoring.score(nextFacts().get(0)));
    }

    @Benchmark
    public void tracedEngine(Blackhole sink) {
        sink.consume(ruleset.evaluate(nextFacts()));
    }

    @Benchmark
    public void bareExecute() {
        ruleset.evaluateBare(nextFacts());
    }

    private List<Handoff> nextFacts() {
        next = next + 1 == facts.size() ? 0 : next + 1;
        return facts.get(next);
    }

    public static void main(String[] args) throws Exception {
        Scores scores = run(4, 6, 2);
        String table = String.format(Locale.ROOT, """

                ENGINE BENCHMARK (shipped ruleset, %d case contracts, 1 thread)
                  engine path with trace   %,12.0f evaluations/s
                  bare execute, no listener %,12.0f evaluations/s
                  ratio traced / bare       %12.2f   (target >= 0.80)
                  Scoring sheet alone, Drools traced %,12.0f evaluations/s
                  Scoring sheet by hand in Java      %,12.0f evaluations/s
                """, BenchContracts.caseFacts().size(), scores.traced(), scores.bare(), scores.traced() / scores.bare(),
                scores.sheetTraced(), scores.handWritten());
        System.out.println(table);
        Path out = Path.of("target", "bench", "engine.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, String.format(Locale.ROOT,
                "{\"tracedPerSecond\": %.1f, \"barePerSecond\": %.1f, \"ratio\": %.4f, \"scoringSheetTracedPerSecond\": %.1f, "
                        + "\"handWrittenScoringPerSecond\": %.1f}%n", scores.traced(), scores.bare(), scores.traced() / scores.bare(),
                scores.sheetTraced(), scores.handWritten()));
    }

    /** Evaluations per second of the four benchmarks. */
    record Scores(double traced, double bare, double sheetTraced, double handWritten) {
    }

    /** Runs the four benchmarks (one fork, one thread) after checking that the hand-written sheet fires what Drools fires. */
    static Scores run(int warmupIterations, int measurementIterations, int seconds) throws Exception {
        checkHandWrittenMatchesTheSheet();
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(EngineBenchmark.class.getName() + "\\.")
                .warmupIterations(warmupIterations).warmupTime(org.openjdk.jmh.runner.options.TimeValue.seconds(seconds))
                .measurementIterations(measurementIterations).measurementTime(org.openjdk.jmh.runner.options.TimeValue.seconds(seconds))
                .build()).run();
        return new Scores(score(results, "tracedEngine"), score(results, "bareExecute"), score(results, "scoringSheetTraced"),
                score(results, "handWrittenScoring"));
    }

    private static void checkHandWrittenMatchesTheSheet() {
        Ruleset sheet = new RulesetCompiler().compile(RuleSources.read(Path.of("rules"), Path.of("decision-tables")).stream()
                .filter(s -> s.path().endsWith("scoring.xlsx")).toList());
        for (List<Handoff> facts : BenchContracts.caseFacts()) {
            java.util.Set<String> drools = new java.util.TreeSet<>(sheet.evaluate(facts).fired().stream()
                    .map(io.handoff.engine.FiredRule::ruleId).toList());
            java.util.Set<String> byHand = new java.util.TreeSet<>(HandWrittenScoring.score(facts.get(0)).fired());
            if (!drools.equals(byHand)) {
                throw new IllegalStateException("hand-written scoring differs from the sheet for " + facts.get(0).getContractId()
                        + ": Drools " + drools + ", by hand " + byHand);
            }
        }
    }

    private static double score(Collection<RunResult> results, String method) {
        return results.stream().filter(r -> r.getParams().getBenchmark().endsWith("." + method))
                .findFirst().orElseThrow().getPrimaryResult().getScore();
    }
}
