package io.handoff.orchestration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import io.handoff.orchestration.ThresholdTuning.Band;
import io.handoff.orchestration.ThresholdTuning.CostDifference;
import io.handoff.orchestration.ThresholdTuning.CutOff;
import io.handoff.orchestration.ThresholdTuning.Refused;
import io.handoff.orchestration.ThresholdTuning.Threshold;

/** The backtest of one boundary of the posture table: every cut-off's cost, the guard, the evidence and its interval. */
final class BoundaryBacktest {
    private final Band band;
    private final Band lower;
    private final List<HandoffState> scope;
    private final Map<String, Set<String>> outcomes;
    private final TuningSettings settings;
    private final TuningSettings.Boundary boundary;
    /** Handoffs at or above each tried cut-off that had the outcome, counted once per cut-off for the guard. */
    private final Map<Integer, Long> badAbove = new HashMap<>();

    private BoundaryBacktest(Band band, Band lower, List<HandoffState> scope, Map<String, Set<String>> outcomes,
                             TuningSettings settings) {
        this.band = band;
        this.lower = lower;
        this.scope = scope;
        this.outcomes = outcomes;
        this.settings = settings;
        this.boundary = settings.boundaries().get(band.ruleId());
    }

    /** {@code governed}: the handoffs of the band's domain and tier, in a stable order. */
    static Threshold of(Band band, Band lower, List<HandoffState> governed, Map<String, Set<String>> outcomes, TuningSettings settings) {
        List<HandoffState> inBands = governed.stream().filter(h -> h.score() >= lower.from() && h.score() < band.below()).toList();
        List<HandoffState> scope = inBands.stream().filter(h -> outcomes.containsKey(h.contractId())).toList();
        return new BoundaryBacktest(band, lower, scope, outcomes, settings).threshold(inBands.size());
    }

    private Threshold threshold(int handoffs) {
        String source = ThresholdTuning.TABLE + ", sheet " + band.sheet() + ", row " + band.row();
        if (boundary == null) {
            return new Threshold(band.ruleId(), source, band.domain(), band.customerTier(), band.posture(), lower.posture(),
                    band.from(), handoffs, scope.size(), null, null, null, null, ThresholdTuning.NOT_CONFIGURED,
                    "not tuned: metrics.yaml gives this boundary no outcome and costs", band.from(), 0, 0, 0, null, null, List.of());
        }
        List<CutOff> cutOffs = new ArrayList<>();
        for (int c = lower.from() + 1; c < band.below(); c++) {
            cutOffs.add(cutOff(c));
        }
        CutOff current = cutOffs.stream().filter(c -> c.cutOff() == band.from()).findFirst().orElseThrow();
        CutOff cheapest = cheapest(cutOffs, current, false);
        CutOff best = cheapest(cutOffs, current, true);
        Refused refused = cheapest == best ? null : new Refused(cheapest.cutOff(), cheapest.cost(), cheapest.outcomeRateAbove(),
                "would raise " + boundary.outcome() + " among " + band.posture() + " handoffs from " + percent(current.outcomeRateAbove())
                        + " to " + percent(cheapest.outcomeRateAbove()) + " (" + boundary.metric() + " worse)");
        String status;
        String verdict;
        CostDifference difference = null;
        if (scope.size() < settings.minimumEvidence()) {
            status = ThresholdTuning.INSUFFICIENT;
            verdict = "insufficient evidence: " + scope.size() + " of " + settings.minimumEvidence() + " handoffs with outcomes";
        } else if (best.cutOff() == current.cutOff()) {
            status = ThresholdTuning.KEEP;
            verdict = "keep " + current.cutOff() + ": no cheaper cut-off that does not worsen " + boundary.metric();
        } else {
            difference = bootstrap(best.cutOff(), current.cutOff());
            boolean clear = difference.high() < 0;
            status = clear ? ThresholdTuning.RECOMMENDED : ThresholdTuning.NO_CLEAR_GAIN;
            verdict = (clear ? "move " : "no clear gain moving ") + current.cutOff() + " -> " + best.cutOff() + ": cost "
                    + fmt(difference.difference()) + " (" + Math.round(settings.confidence() * 100) + "% interval "
                    + fmt(difference.low()) + " .. " + fmt(difference.high()) + ") on " + scope.size() + " handoffs with outcomes";
        }
        CutOff chosen = ThresholdTuning.RECOMMENDED.equals(status) ? best : current;
        return new Threshold(band.ruleId(), source, band.domain(), band.customerTier(), band.posture(), lower.posture(),
                band.from(), handoffs, scope.size(), boundary.outcome(), boundary.metric(), boundary.costAbove(), boundary.costBelow(),
                status, verdict, chosen.cutOff(), current.cost(), chosen.cost(), chosen.changed(), difference, refused, cutOffs);
    }

    private CutOff cutOff(int c) {
        int above = 0;
        int changed = 0;
        int bad = 0;
        Map<String, Integer> kindsAbove = new HashMap<>();
        Map<String, Integer> kindsBelow = new HashMap<>();
        double cost = 0;
        for (HandoffState h : scope) {
            boolean up = h.score() >= c;
            if (up != (h.score() >= band.from())) {
                changed++;
            }
            Set<String> kinds = outcomes.get(h.contractId());
            for (String kind : kinds) {
                (up ? kindsAbove : kindsBelow).merge(kind, 1, Integer::sum);
            }
            cost += cost(h, c);
            if (up) {
                above++;
                bad += kinds.contains(boundary.outcome()) ? 1 : 0;
            }
        }
        int below = scope.size() - above;
        badAbove.put(c, (long) bad);
        return new CutOff(c, above, below, changed, rates(kindsAbove, above), rates(kindsBelow, below),
                above == 0 ? null : Intervals.round((double) bad / above), cost);
    }

    private double cost(HandoffState h, int cutOff) {
        boolean bad = outcomes.get(h.contractId()).contains(boundary.outcome());
        return h.score() >= cutOff ? (bad ? boundary.costAbove() : 0) : (bad ? 0 : boundary.costBelow());
    }

    /**
     * The cheapest cut-off (ties: nearest the current, then lower); {@code guarded}: only among those that do not raise
     * the outcome's rate among the handoffs at or above it, compared exactly on counts (no rounding decides).
     */
    private CutOff cheapest(List<CutOff> cutOffs, CutOff current, boolean guarded) {
        CutOff best = current;
        for (CutOff candidate : cutOffs) {
            if (guarded && worsens(candidate, current)) {
                continue;
            }
            int distance = Math.abs(candidate.cutOff() - band.from());
            int bestDistance = Math.abs(best.cutOff() - band.from());
            if (candidate.cost() < best.cost() - 1e-9 || (Math.abs(candidate.cost() - best.cost()) <= 1e-9
                    && (distance < bestDistance || (distance == bestDistance && candidate.cutOff() < best.cutOff())))) {
                best = candidate;
            }
        }
        return best;
    }

    /** Whether passing at {@code candidate} instead of the current cut-off raises the outcome's rate among passed handoffs. */
    boolean worsens(CutOff candidate, CutOff current) {
        long badCandidate = badAbove.get(candidate.cutOff());
        long badCurrent = badAbove.get(current.cutOff());
        // badCandidate / aboveCandidate > badCurrent / aboveCurrent, cross-multiplied (an empty side passes nothing bad)
        return candidate.above() > 0 && badCandidate * Math.max(1, current.above()) > badCurrent * (long) candidate.above();
    }

    /**
     * The cost difference (recommended minus current) over the scope, and its percentile bootstrap interval: the scope
     * resampled with replacement {@code resamples} times from a generator seeded by the settings' seed and the row id.
     */
    private CostDifference bootstrap(int recommended, int current) {
        int n = scope.size();
        double[] delta = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            delta[i] = cost(scope.get(i), recommended) - cost(scope.get(i), current);
            total += delta[i];
        }
        Random random = new Random(settings.seed() * 31 + band.ruleId().hashCode());
        double[] sums = new double[settings.resamples()];
        for (int b = 0; b < sums.length; b++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += delta[random.nextInt(n)];
            }
            sums[b] = sum;
        }
        java.util.Arrays.sort(sums);
        double tail = (1 - settings.confidence()) / 2;
        return new CostDifference(total, Intervals.quantile(sums, tail), Intervals.quantile(sums, 1 - tail), settings.resamples(),
                settings.seed());
    }

    private static Map<String, Double> rates(Map<String, Integer> counts, int total) {
        Map<String, Double> rates = new TreeMap<>();
        counts.forEach((kind, n) -> rates.put(kind, total == 0 ? 0 : Math.round(n * 10_000.0 / total) / 10_000.0));
        return rates;
    }

    private static String percent(Double rate) {
        return rate == null ? "–" : String.format(java.util.Locale.ROOT, "%.1f%%", rate * 100);
    }

    private static String fmt(double value) {
        return String.format(java.util.Locale.ROOT, "%+.0f", value);
    }
}
