package io.handoff.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.handoff.ShippedRuleset;
import io.handoff.orchestration.OutcomeDataGenerator;
import io.handoff.orchestration.ThresholdTuning;

/**
 * How long threshold tuning takes on a generated data set of both domains (default 10,000 decisions with outcomes):
 * {@code ./mvnw -q -Pbench test-compile exec:exec -Dbench.main=io.handoff.bench.TuningBenchmark
 * -Dbench.args="-Dtuning.decisions=10000"}. Prints generation time, the median of 7 tuning runs
 * and each boundary's verdict next to the generator's ground truth.
 */
public final class TuningBenchmark {
    public static void main(String[] args) throws Exception {
        int count = Integer.getInteger("tuning.decisions", 10_000);
        Path folder = Files.createDirectories(Path.of("target/bench-db"));
        try (OutcomeDataGenerator generator = new OutcomeDataGenerator(ShippedRuleset.ruleset(), folder)) {
            long start = System.nanoTime();
            generator.generate(count, 20261122L);
            System.out.printf("generated %,d decisions with outcomes in %.1f s%n", count, (System.nanoTime() - start) / 1e9);
            List<Long> runs = new ArrayList<>();
            ThresholdTuning.Report report = null;
            for (int i = 0; i < 7; i++) {
                long t = System.nanoTime();
                report = generator.orchestrator.tuning(ShippedRuleset.ruleset());
                runs.add(System.nanoTime() - t);
            }
            runs.sort(null);
            System.out.printf("tuning report: median %.0f ms, min %.0f ms, max %.0f ms over 7 runs (target < 5000 ms)%n",
                    runs.get(3) / 1e6, runs.get(0) / 1e6, runs.get(6) / 1e6);
            for (ThresholdTuning.Threshold t : report.thresholds()) {
                System.out.printf("  %-16s %-32s %-16s current %3d -> %3d  %s%n", t.ruleId(), t.source().replace("decision-tables/", ""),
                        t.status(), t.current(), t.recommended(), t.verdict());
            }
            System.out.printf("ground truth: support %d, product %d%n", OutcomeDataGenerator.SUPPORT_TRUE_CUT_OFF,
                    OutcomeDataGenerator.PRODUCT_TRUE_CUT_OFF);
        }
    }
}
