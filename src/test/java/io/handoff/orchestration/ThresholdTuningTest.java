package io.handoff.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.handoff.ShippedRuleset;

/**
 * On 6,000 generated decisions of both domains with outcomes (see {@link OutcomeDataGenerator}): the scorecard shows
 * both domains with baselines measured from the observe-mode window and intervals, observe and enforce side by side;
 * tuning recommends nothing below the minimum evidence, and above it recovers each domain's ground-truth cut-off. Scores
 * move in steps of 5, so every cut-off from 4 below a true cut-off up to it holds the same handoffs: the tolerance is
 * "classifies every generated handoff as the true cut-off does" (at most 4 points away). Same data, same reports.
 * (Speed: {@code io.handoff.bench.TuningBenchmark}.)
 */
class ThresholdTuningTest {
    private static final int GENERATED = 6_000;
    private static OutcomeDataGenerator generator;

    @BeforeAll
    static void generate() throws Exception {
        generator = new OutcomeDataGenerator(ShippedRuleset.ruleset(), Path.of("target/test-db"));
        generator.generate(GENERATED, 20261122L);
    }

    @AfterAll
    static void close() {
        generator.close();
    }

    private static ThresholdTuning.Threshold threshold(ThresholdTuning.Report report, String ruleId) {
        return report.thresholds().stream().filter(t -> t.ruleId().equals(ruleId)).findFirst().orElseThrow();
    }

    @Test
    void recoversTheGroundTruthCutOffOfEachDomain() {
        ThresholdTuning.Report report = generator.orchestrator.tuning(ShippedRuleset.ruleset());
        recovers(threshold(report, "POSTURE-CS-110"), 65, OutcomeDataGenerator.SUPPORT_TRUE_CUT_OFF, "row 14");
        recovers(threshold(report, "POSTURE-PM-010"), 70, OutcomeDataGenerator.PRODUCT_TRUE_CUT_OFF, "row 18");
    }

    private static void recovers(ThresholdTuning.Threshold green, int tableValue, int truth, String row) {
        assertThat(green.source()).isEqualTo("decision-tables/thresholds.xlsx, sheet Posture, " + row);
        assertThat(green.current()).isEqualTo(tableValue);
        assertThat(green.outcome()).isEqualTo("bounced-back");
        assertThat(green.reported()).as("handoffs in the two bands with outcomes").isGreaterThan(1_000);
        assertThat(green.status()).isEqualTo(ThresholdTuning.RECOMMENDED);
        assertThat(green.recommended()).isBetween(truth - 4, truth);
        ThresholdTuning.CutOff atTruth = cutOff(green, truth);
        ThresholdTuning.CutOff recommended = cutOff(green, green.recommended());
        assertThat(recommended.above()).as("the same handoffs pass as at the true cut-off").isEqualTo(atTruth.above());
        assertThat(green.recommendedCost()).isEqualTo(atTruth.cost()).isLessThan(green.currentCost());
        assertThat(green.costDifference().high()).as("the whole interval is a gain").isNegative();
        assertThat(green.verdict()).startsWith("move " + tableValue + " -> " + green.recommended() + ": cost ");
        assertThat(atTruth.rateAbove().get("bounced-back")).isLessThan(0.10);
        assertThat(atTruth.rateBelow().get("bounced-back")).isGreaterThan(0.30);
    }

    private static ThresholdTuning.CutOff cutOff(ThresholdTuning.Threshold t, int value) {
        return t.cutOffs().stream().filter(c -> c.cutOff() == value).findFirst().orElseThrow();
    }

    @Test
    void belowTheMinimumEvidenceNothingIsRecommended() {
        List<HandoffState> handoffs = generator.orchestrator.store().decidedBetween(null, null, null);
        Map<String, Set<String>> outcomes = new HashMap<>();
        for (Records.OutcomeReport o : generator.orchestrator.store().outcomesBetween(null, null)) {
            outcomes.computeIfAbsent(o.contractId(), k -> new HashSet<>()).add(o.kind());
        }
        TuningSettings shipped = generator.orchestrator.metricDefinitions().tuning();
        TuningSettings demanding = new TuningSettings(GENERATED + 1, shipped.resamples(), shipped.seed(), shipped.confidence(),
                shipped.boundaries());
        ThresholdTuning.Report report = ThresholdTuning.backtest("v", ThresholdTuning.bands(ShippedRuleset.ruleset()), handoffs,
                outcomes, demanding);
        assertThat(report.thresholds()).isNotEmpty().allSatisfy(t -> {
            assertThat(t.status()).isEqualTo(ThresholdTuning.INSUFFICIENT);
            assertThat(t.recommended()).isEqualTo(t.current());
            assertThat(t.verdict()).isEqualTo("insufficient evidence: " + t.reported() + " of " + (GENERATED + 1)
                    + " handoffs with outcomes");
        });
        // the enterprise rows govern no generated handoff: insufficient with the shipped minimum too
        assertThat(threshold(generator.orchestrator.tuning(ShippedRuleset.ruleset()), "POSTURE-CS-010").verdict())
                .isEqualTo("insufficient evidence: 0 of " + shipped.minimumEvidence() + " handoffs with outcomes");
    }

    @Test
    void sameDataSameReports() {
        assertThat(generator.orchestrator.tuning(ShippedRuleset.ruleset()))
                .isEqualTo(generator.orchestrator.tuning(ShippedRuleset.ruleset()));
        assertThat(generator.orchestrator.scorecard(null, null, null)).isEqualTo(generator.orchestrator.scorecard(null, null, null));
    }

    @Test
    void scorecardShowsBothDomainsWithMeasuredBaselinesAndIntervals() {
        Scorecard.Report card = generator.orchestrator.scorecard(null, null, null);
        assertThat(card.handoffs()).isEqualTo(GENERATED);
        assertThat(card.reported()).isEqualTo(GENERATED);
        int observedSupport = (int) Math.ceil(GENERATED * (1 - OutcomeDataGenerator.PRODUCT_SHARE) * OutcomeDataGenerator.OBSERVE_SHARE);
        Scorecard.DomainResult support = domain(card, "bounce-back-rate", OutcomeKinds.SUPPORT);
        Scorecard.DomainResult product = domain(card, "spec-bounce-rate", OutcomeKinds.PRODUCT);
        for (Scorecard.DomainResult d : List.of(support, product)) {
            assertThat(d.baseline().source()).isEqualTo(Scorecard.MEASURED);
            assertThat(d.baseline().window()).isEqualTo("observe-period");
            assertThat(d.baseline().value()).isBetween(d.baseline().low(), d.baseline().high());
            assertThat(d.actual().value()).isBetween(d.actual().low(), d.actual().high());
            // the generator's observe period bounces 10 points more often than the enforced one
            assertThat(d.observe().value()).isGreaterThan(d.enforce().high());
            assertThat(d.observe().sample() + d.enforce().sample()).isEqualTo(d.actual().sample());
            assertThat(d.status()).isEqualTo("improved");
        }
        assertThat(support.baseline().sample()).isEqualTo(observedSupport);
        assertThat(support.observe().sample()).isEqualTo(observedSupport);
        Scorecard.MetricResult escalation = metric(card, "escalation-rate");
        assertThat(escalation.domains()).extracting(Scorecard.DomainResult::domain)
                .containsExactly(OutcomeKinds.SUPPORT, OutcomeKinds.PRODUCT);
        assertThat(escalation.interval()).isEqualTo("wilson");
        for (String name : List.of("slip-rate", "launch-rollback-rate", "success-metric-met-share")) {
            Scorecard.DomainResult d = domain(card, name, OutcomeKinds.PRODUCT);
            assertThat(d.actual().sample()).as(name).isGreaterThan(card.minimumSample());
            assertThat(d.baseline().source()).as(name).isEqualTo(Scorecard.MEASURED);
            assertThat(d.actual().low()).as(name).isNotNull();
        }
        // the generator's launches meet their declared metric 60% of the time
        assertThat(domain(card, "success-metric-met-share", OutcomeKinds.PRODUCT).actual().value()).isBetween(0.55, 0.65);
        // no approvals are decided here: nothing to measure, the typed value labelled as the fallback
        Scorecard.DomainResult turnaround = domain(card, "approval-turnaround-hours", OutcomeKinds.PRODUCT);
        assertThat(turnaround.status()).isEqualTo("no-data");
        assertThat(turnaround.baseline().source()).isEqualTo(Scorecard.TYPED_FALLBACK);
        assertThat(turnaround.baseline().value()).isEqualTo(24.0);
        assertThat(turnaround.baseline().note()).isEqualTo("window observe-period holds 0 of the 30 needed");
        assertThat(metric(card, "bounce-back-rate").byRulesetVersion()).containsOnlyKeys(ShippedRuleset.ruleset().version());
    }

    private static Scorecard.MetricResult metric(Scorecard.Report card, String name) {
        return card.metrics().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    private static Scorecard.DomainResult domain(Scorecard.Report card, String name, String domain) {
        return metric(card, name).domains().stream().filter(d -> d.domain().equals(domain)).findFirst().orElseThrow();
    }
}
