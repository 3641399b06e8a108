package io.handoff.orchestration;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.handoff.engine.Ruleset;
import io.handoff.engine.SheetGrid;
import io.handoff.engine.SourceFile;

/**
 * Backtests alternative score cut-offs of the posture table on decided handoffs with outcome reports. For
 * each row of {@code decision-tables/thresholds.xlsx} whose band starts above zero, every cut-off between the
 * band below's start and this band's end is tried: how many handoffs would change band, the outcome rates
 * above and below, and the cost (a handoff above the cut-off that then had the tuning outcome costs
 * {@code costAbove}; one below it that did not costs {@code costBelow}). It recommends the cheapest cut-off
 * (ties: the one nearest the current value, then the lower); it never edits the tables. Same data, same report.
 */
public final class ThresholdTuning {
    static final String TABLE = "decision-tables/thresholds.xlsx";

    private ThresholdTuning() {
    }

    /** One band row of the posture table, with its spreadsheet position. */
    public record Band(String ruleId, String sheet, int row, String domain, String customerTier, int from, int below,
                       String posture) {
    }

    public record CutOff(int cutOff, int above, int below, int changed, Map<String, Double> rateAbove,
                         Map<String, Double> rateBelow, double cost) {
    }

    public record Threshold(String ruleId, String source, String domain, String customerTier, String posture,
                            String postureBelow, int current, int handoffs, int reported, int recommended,
                            double currentCost, double recommendedCost, int wouldChange, List<CutOff> cutOffs) {
    }

    public record Report(String rulesetVersion, String outcome, double costAbove, double costBelow, List<Threshold> thresholds) {
    }

    /** The posture table of each ruleset version, read once: a version's sources never change. */
    private static final Map<String, List<Band>> BANDS = new java.util.concurrent.ConcurrentHashMap<>();

    static List<Band> bands(Ruleset ruleset) {
        return BANDS.computeIfAbsent(ruleset.version(), v -> readBands(ruleset));
    }

    private static List<Band> readBands(Ruleset ruleset) {
        SourceFile source = ruleset.sources().stream().filter(s -> s.path().equals(TABLE)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the active ruleset has no " + TABLE));
        List<Band> bands = new ArrayList<>();
        try {
            for (SheetGrid grid : SheetGrid.read(source.content()).values()) {
                Map<String, Integer> columns = null;
                for (int r = 0; r < grid.rowCount(); r++) {
                    String first = grid.text(r, 0);
                    if (columns == null) {
                        if (first.equals("Id")) {
                            columns = new HashMap<>();
                            for (int c = 0; c < grid.width(r); c++) {
                                columns.put(grid.text(r, c).toLowerCase(java.util.Locale.ROOT), c);
                            }
                        }
                        continue;
                    }
                    if (first.isEmpty()) {
                        continue;
                    }
                    bands.add(new Band(first, grid.name(), r + 1, cell(grid, r, columns, "domain"),
                            cell(grid, r, columns, "customer tier"), whole(cell(grid, r, columns, "score from")),
                            whole(cell(grid, r, columns, "score below")), cell(grid, r, columns, "posture")));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(TABLE + ": cannot read the score bands: " + e.getMessage(), e);
        }
        return List.copyOf(bands);
    }

    private static int whole(String value) {
        return (int) Double.parseDouble(value);
    }

    private static String cell(SheetGrid grid, int row, Map<String, Integer> columns, String name) {
        Integer column = columns.get(name);
        String value = column == null ? "" : grid.text(row, column);
        return value.isEmpty() ? null : value;
    }

    static Report build(Ruleset ruleset, HandoffStore store, MetricDefinitions.Tuning tuning) {
        List<Band> bands = bands(ruleset);
        List<HandoffState> handoffs = store.decidedBetween(null, null, null);
        Map<String, Set<String>> outcomes = new HashMap<>();
        Set<String> decisions = new HashSet<>();
        handoffs.forEach(h -> decisions.add(h.decisionId()));
        for (Records.OutcomeReport o : store.outcomesBetween(null, null)) {
            if (decisions.contains(o.decisionId())) {
                outcomes.computeIfAbsent(o.contractId(), k -> new HashSet<>()).add(o.kind());
            }
        }
        List<Threshold> thresholds = new ArrayList<>();
        for (Band band : bands) {
            if (band.from() <= 0) {
                continue;
            }
            Band lower = bands.stream().filter(b -> b.below() == band.from() && sameScope(b, band)).findFirst().orElse(null);
            if (lower == null) {
                continue;
            }
            // the handoffs this band row governs: its domain and tier; an any-tier row leaves out tiers with rows of their own
            Set<String> ownTiers = new HashSet<>();
            bands.stream().filter(b -> b.domain() != null && b.domain().equals(band.domain()) && b.customerTier() != null)
                    .forEach(b -> ownTiers.add(b.customerTier()));
            List<HandoffState> inBands = handoffs.stream()
                    .filter(h -> band.domain() == null || band.domain().equals(h.domain()))
                    .filter(h -> band.customerTier() != null ? band.customerTier().equals(h.customerTier())
                            : h.customerTier() == null || !ownTiers.contains(h.customerTier()))
                    .filter(h -> h.score() >= lower.from() && h.score() < band.below())
                    .toList();
            List<HandoffState> scope = inBands.stream().filter(h -> outcomes.containsKey(h.contractId())).toList();
            List<CutOff> cutOffs = new ArrayList<>();
            for (int c = lower.from() + 1; c < band.below(); c++) {
                cutOffs.add(cutOff(c, band.from(), scope, outcomes, tuning));
            }
            CutOff current = cutOffs.stream().filter(c -> c.cutOff() == band.from()).findFirst().orElseThrow();
            CutOff best = current;
            for (CutOff candidate : cutOffs) {
                int distance = Math.abs(candidate.cutOff() - band.from());
                int bestDistance = Math.abs(best.cutOff() - band.from());
                if (candidate.cost() < best.cost() - 1e-9
                        || (Math.abs(candidate.cost() - best.cost()) <= 1e-9 && (distance < bestDistance
                        || (distance == bestDistance && candidate.cutOff() < best.cutOff())))) {
                    best = candidate;
                }
            }
            thresholds.add(new Threshold(band.ruleId(), TABLE + ", sheet " + band.sheet() + ", row " + band.row(), band.domain(),
                    band.customerTier(), band.posture(), lower.posture(), band.from(), inBands.size(),
                    scope.size(), best.cutOff(), current.cost(), best.cost(), best.changed(), cutOffs));
        }
        return new Report(ruleset.version(), tuning.outcome(), tuning.costAbove(), tuning.costBelow(), thresholds);
    }

    private static boolean sameScope(Band a, Band b) {
        return java.util.Objects.equals(a.domain(), b.domain()) && java.util.Objects.equals(a.customerTier(), b.customerTier());
    }

    private static CutOff cutOff(int c, int current, List<HandoffState> scope, Map<String, Set<String>> outcomes,
                                 MetricDefinitions.Tuning tuning) {
        int above = 0;
        int changed = 0;
        Map<String, Integer> kindsAbove = new HashMap<>();
        Map<String, Integer> kindsBelow = new HashMap<>();
        double cost = 0;
        for (HandoffState h : scope) {
            boolean up = h.score() >= c;
            if (up != (h.score() >= current)) {
                changed++;
            }
            Set<String> kinds = outcomes.get(h.contractId());
            for (String kind : kinds) {
                (up ? kindsAbove : kindsBelow).merge(kind, 1, Integer::sum);
            }
            boolean bad = kinds.contains(tuning.outcome());
            if (up) {
                above++;
                cost += bad ? tuning.costAbove() : 0;
            } else {
                cost += bad ? 0 : tuning.costBelow();
            }
        }
        int below = scope.size() - above;
        return new CutOff(c, above, below, changed, rates(kindsAbove, above), rates(kindsBelow, below), cost);
    }

    private static Map<String, Double> rates(Map<String, Integer> counts, int total) {
        Map<String, Double> rates = new java.util.TreeMap<>();
        counts.forEach((kind, n) -> rates.put(kind, total == 0 ? 0 : Math.round(n * 10_000.0 / total) / 10_000.0));
        return rates;
    }
}
