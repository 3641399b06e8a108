package io.handoff.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.handoff.ShippedRuleset;

/**
 * Tuning on 10,000 generated decisions with outcomes recommends the cut-off the generator's ground truth
 * favours, and gives the same report twice. (Its speed is printed by {@code io.handoff.bench.TuningBenchmark}.)
 */
class ThresholdTuningTest {
    private static OutcomeDataGenerator generator;

    @BeforeAll
    static void generate() throws Exception {
        generator = new OutcomeDataGenerator(ShippedRuleset.ruleset(), Path.of("target/test-db"));
        generator.generate(10_000, 20261122L);
    }

    @AfterAll
    static void close() {
        generator.close();
    }

    @Test
    void recommendsTheGroundTruthCutOffForTheSupportGreenBand() {
        ThresholdTuning.Report report = generator.orchestrator.tuning(ShippedRuleset.ruleset());
        ThresholdTuning.Threshold green = report.thresholds().stream()
                .filter(t -> t.ruleId().equals("POSTURE-CS-110")).findFirst().orElseThrow();
        assertThat(green.source()).isEqualTo("decision-tables/thresholds.xlsx, sheet Posture, row 14");
        assertThat(green.current()).isEqualTo(65);
        assertThat(green.reported()).as("handoffs in the green/amber bands with outcomes").isGreaterThan(2_000);
        assertThat(green.recommended()).isEqualTo(OutcomeDataGenerator.SUPPORT_TRUE_CUT_OFF);
        assertThat(green.recommendedCost()).isLessThan(green.currentCost());
        assertThat(green.wouldChange()).isPositive();
        ThresholdTuning.CutOff atTruth = green.cutOffs().stream().filter(c -> c.cutOff() == OutcomeDataGenerator.SUPPORT_TRUE_CUT_OFF)
                .findFirst().orElseThrow();
        assertThat(atTruth.rateAbove().get("bounced-back")).isLessThan(0.10);
        assertThat(atTruth.rateBelow().get("bounced-back")).isGreaterThan(0.30);
    }

    @Test
    void sameDataSameReport() {
        assertThat(generator.orchestrator.tuning(ShippedRuleset.ruleset()))
                .isEqualTo(generator.orchestrator.tuning(ShippedRuleset.ruleset()));
    }

    @Test
    void scorecardComparesTheGeneratedOutcomesWithBaselineAndTarget() {
        Scorecard.Report card = generator.orchestrator.scorecard(null, null, null);
        assertThat(card.handoffs()).isEqualTo(10_000);
        assertThat(card.reported()).isEqualTo(10_000);
        Scorecard.MetricResult bounce = card.metrics().stream().filter(m -> m.name().equals("bounce-back-rate")).findFirst().orElseThrow();
        assertThat(bounce.actual()).isBetween(0.05, 0.40);
        assertThat(bounce.byRulesetVersion()).containsOnlyKeys(ShippedRuleset.ruleset().version());
    }
}
