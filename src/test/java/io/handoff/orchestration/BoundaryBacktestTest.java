package io.handoff.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The evidence rules of threshold tuning, on hand-made and seeded random data (no database): nothing below the minimum
 * evidence, and never a move that raises the tuned outcome's rate among the handoffs the boundary passes at the better
 * posture, whatever the costs say.
 */
class BoundaryBacktestTest {
    private static final List<ThresholdTuning.Band> BANDS = List.of(
            new ThresholdTuning.Band("POSTURE-CS-110", "Posture", 14, "customer-support", null, 65, 101, "green"),
            new ThresholdTuning.Band("POSTURE-CS-120", "Posture", 15, "customer-support", null, 45, 65, "amber"));
    private static final Instant AT = Instant.parse("2026-11-21T12:00:00Z");

    private static TuningSettings settings(int minimum, double costAbove, double costBelow) {
        return new TuningSettings(minimum, 200, 7L, 0.95, Map.of("POSTURE-CS-110",
                new TuningSettings.Boundary("POSTURE-CS-110", "bounced-back", costAbove, costBelow, "bounce-back-rate")));
    }

    private static HandoffState handoff(String id, int score) {
        return new HandoffState(id, "d-" + id, "customer-support", "tier1-to-tier2", "pro", "support-t1", "x", null, "v1", AT,
                "accept", score, "", HandoffState.ACCEPTED, "green", true, 3, 60, 0, 0, null, AT);
    }

    /** A data set: handoffs with outcomes, each bounced back or accepted. */
    private record Data(List<HandoffState> handoffs, Map<String, Set<String>> outcomes) {
        static Data empty() {
            return new Data(new ArrayList<>(), new HashMap<>());
        }

        void add(int score, boolean bounced) {
            String id = "H-" + handoffs.size();
            handoffs.add(handoff(id, score));
            outcomes.put(id, Set.of(bounced ? "bounced-back" : "accepted"));
        }

        ThresholdTuning.Threshold green(TuningSettings settings) {
            return ThresholdTuning.backtest("v1", BANDS, handoffs, outcomes, settings).thresholds().get(0);
        }
    }

    @Test
    void twoDataPointsRecommendNothing() {
        // the finding: 75 -> 96 recommended from 2 data points
        Data data = Data.empty();
        data.add(80, true);
        data.add(70, false);
        ThresholdTuning.Threshold green = data.green(settings(200, 5, 1));
        assertThat(green.status()).isEqualTo(ThresholdTuning.INSUFFICIENT);
        assertThat(green.verdict()).isEqualTo("insufficient evidence: 2 of 200 handoffs with outcomes");
        assertThat(green.recommended()).isEqualTo(green.current());
        assertThat(green.costDifference()).isNull();
    }

    @Test
    void aBoundaryWithoutSettingsIsNotTuned() {
        Data data = Data.empty();
        data.add(80, true);
        ThresholdTuning.Threshold green = ThresholdTuning.backtest("v1", BANDS, data.handoffs(), data.outcomes(),
                new TuningSettings(1, 200, 7L, 0.95, Map.of())).thresholds().get(0);
        assertThat(green.status()).isEqualTo(ThresholdTuning.NOT_CONFIGURED);
        assertThat(green.recommended()).isEqualTo(65);
    }

    /**
     * The documented guard. Handoffs scoring 55..64 bounce back 12% of the time, below the 1/6 break-even of costs 5 and
     * 1, so the costs alone would pass them as green (cut-off 55); but green handoffs (65 and up) bounce back only 2%, so
     * that move would raise the bounce-back rate among green handoffs. It is refused, named, and the cut-off stays.
     */
    @Test
    void neverRecommendsAMoveThatRaisesTheTunedOutcomeAmongPassedHandoffs() {
        Data data = Data.empty();
        for (int round = 0; round < 50; round++) {
            for (int s = 0; s < 10; s++) {
                data.add(55 + s, round < 6);        // 12% bounced at every score 55..64
            }
            for (int s = 0; s < 30; s++) {
                data.add(65 + s, round == 0);       // 2% bounced at every score 65..94
            }
        }
        ThresholdTuning.Threshold green = data.green(settings(200, 5, 1));
        assertThat(green.refused()).isNotNull();
        assertThat(green.refused().cutOff()).isEqualTo(55);
        assertThat(green.refused().cost()).isLessThan(green.currentCost());
        assertThat(green.refused().reason()).isEqualTo(
                "would raise bounced-back among green handoffs from 2.0% to 4.5% (bounce-back-rate worse)");
        assertThat(green.status()).isEqualTo(ThresholdTuning.KEEP);
        assertThat(green.recommended()).isEqualTo(65);
    }

    @Test
    void aClearGainThatDoesNotWorsenTheMetricIsRecommendedWithItsInterval() {
        Data data = Data.empty();
        for (int round = 0; round < 50; round++) {
            for (int s = 0; s < 10; s++) {
                data.add(65 + s, round < 20);       // 40% bounced at every score 65..74: should be held
            }
            for (int s = 0; s < 20; s++) {
                data.add(75 + s, round == 0);       // 2% bounced at every score 75..94
            }
        }
        ThresholdTuning.Threshold green = data.green(settings(200, 5, 1));
        assertThat(green.status()).isEqualTo(ThresholdTuning.RECOMMENDED);
        assertThat(green.recommended()).isEqualTo(75);
        assertThat(green.costDifference().difference()).isEqualTo(green.recommendedCost() - green.currentCost());
        assertThat(green.costDifference().high()).isNegative();
        assertThat(green.costDifference().low()).isLessThanOrEqualTo(green.costDifference().difference());
        assertThat(green.costDifference().high()).isGreaterThanOrEqualTo(green.costDifference().difference());
        assertThat(data.green(settings(200, 5, 1))).as("same data, same report (fixed seed)").isEqualTo(green);
    }

    /**
     * The property, on 300 seeded random data sets with random per-score bounce rates and random costs: no recommended
     * cut-off passes handoffs with a higher bounce-back rate than the current one does (compared exactly, on counts),
     * and below the minimum evidence nothing is recommended. The guard does refuse moves here (not a vacuous test).
     */
    @Test
    void noRecommendationEverWorsensTheTunedRate() {
        Random random = new Random(20261206L);
        int refused = 0;
        int recommended = 0;
        for (int set = 0; set < 300; set++) {
            Data data = Data.empty();
            int size = 20 + random.nextInt(600);
            double[] rate = new double[101];
            for (int s = 45; s <= 100; s++) {
                rate[s] = random.nextDouble() * 0.5;
            }
            for (int i = 0; i < size; i++) {
                int score = 45 + random.nextInt(56);
                data.add(score, random.nextDouble() < rate[score]);
            }
            int minimum = 50 + random.nextInt(200);
            ThresholdTuning.Threshold green = data.green(settings(minimum, 1 + random.nextInt(10), 1 + random.nextInt(10)));
            if (green.reported() < minimum) {
                assertThat(green.status()).isEqualTo(ThresholdTuning.INSUFFICIENT);
                assertThat(green.recommended()).isEqualTo(green.current());
                continue;
            }
            refused += green.refused() == null ? 0 : 1;
            if (ThresholdTuning.RECOMMENDED.equals(green.status())) {
                recommended++;
                long[] now = passed(data, green.current());
                long[] then = passed(data, green.recommended());
                assertThat(then[0] * Math.max(1, now[1])).as("data set %d", set).isLessThanOrEqualTo(now[0] * then[1]);
            }
        }
        assertThat(refused).isPositive();
        assertThat(recommended).isPositive();
    }

    /** {bounced, all} among handoffs at or above the cut-off. */
    private static long[] passed(Data data, int cutOff) {
        long bounced = 0;
        long all = 0;
        for (HandoffState h : data.handoffs()) {
            if (h.score() >= cutOff) {
                all++;
                bounced += data.outcomes().get(h.contractId()).contains("bounced-back") ? 1 : 0;
            }
        }
        return new long[] {bounced, all};
    }
}
