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
    private List<List<Handoff>> facts;
    private int next;

    @Setup
    public void setUp() {
        ruleset = new RulesetCompiler().compile(RuleSources.read(Path.of("rules"), Path.of("decision-tables")));
        facts = BenchContracts.caseFacts();
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
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(EngineBenchmark.class.getSimpleName()).build()).run();
        double traced = score(results, "tracedEngine");
        double bare = score(results, "bareExecute");
        double ratio = traced / bare;
        String table = String.format(Locale.ROOT, """

                ENGINE BENCHMARK (shipped ruleset, %d case contracts, 1 thread)
                  engine path with trace   %,12.0f evaluations/s
                  bare execute, no listener %,12.0f evaluations/s
                  ratio traced / bare       %12.2f   (target >= 0.80)
                """, BenchContracts.caseFacts().size(), traced, bare, ratio);
        System.out.println(table);
        Path out = Path.of("target", "bench", "engine.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, String.format(Locale.ROOT,
                "{\"tracedPerSecond\": %.1f, \"barePerSecond\": %.1f, \"ratio\": %.4f}%n", traced, bare, ratio));
    }

    private static double score(Collection<RunResult> results, String method) {
        return results.stream().filter(r -> r.getParams().getBenchmark().endsWith("." + method))
                .findFirst().orElseThrow().getPrimaryResult().getScore();
    }
}
