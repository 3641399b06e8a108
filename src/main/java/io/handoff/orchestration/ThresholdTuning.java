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
 * Backtests alternative score cut-offs of the posture table on decided handoffs with outcome reports, per domain and per
 * boundary. Each boundary (the row of {@code decision-tables/thresholds.xlsx} of the band above the cut-off) is tuned
 * against the outcome, metric and costs {@code rules/metrics.yaml} gives it; every cut-off between the band below's start
 * and this band's end is tried: how many handoffs would change band, the outcome rates above and below, and the cost (a
 * handoff at or above the cut-off that then had the outcome costs {@code costAbove}; one below it that did not costs
 * {@code costBelow}).
 * <p>A recommendation needs, in order: at least {@code minimumEvidence} handoffs with outcomes (else "insufficient
 * evidence: n of m"); a cut-off that does not raise the tuned outcome's rate among the handoffs it passes at the better
 * posture (a cheaper cut-off that would is named as refused); and a bootstrap interval of the cost difference (fixed
 * seed) entirely below zero. Ties go to the cut-off nearest the current value, then the lower. It never edits the
 * tables. Same data, same report.
 */
public final class ThresholdTuning {
    static final String TABLE = "decision-tables/thresholds.xlsx";

    /** Threshold status: a move is recommended, the current cut-off stays, or why there is no recommendation. */
    public static final String RECOMMENDED = "recommended";
    public static final String KEEP = "keep";
    public static final String INSUFFICIENT = "insufficient-evidence";
    public static final String NO_CLEAR_GAIN = "no-clear-gain";
    public static final String NOT_CONFIGURED = "not-configured";

    private ThresholdTuning() {
    }

    /** One band row of the posture table, with its spreadsheet position. */
    public record Band(String ruleId, String sheet, int row, String domain, String customerTier, int from, int below,
                       String posture) {
    }

    /** {@code outcomeRateAbove}: the tuned outcome's rate among the handoffs at or above this cut-off (null: none). */
    public record CutOff(int cutOff, int above, int below, int changed, Map<String, Double> rateAbove,
                         Map<String, Double> rateBelow, Double outcomeRateAbove, double cost) {
    }

    /** The recommended cut-off's cost minus the current one's, with its bootstrap interval (resamples, seed). */
    public record CostDifference(double difference, double low, double high, int resamples, long seed) {
    }

    /** The cheapest cut-off that was not recommended because it would raise the tuned outcome's rate. */
    public record Refused(int cutOff, double cost, Double outcomeRateAbove, String reason) {
    }

    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Threshold(String ruleId, String source, String domain, String customerTier, String posture,
                            String postureBelow, int current, int handoffs, int reported, String outcome, String metric,
                            Double costAbove, Double costBelow, String status, String verdict, int recommended, double currentCost,
                            double recommendedCost, int wouldChange, CostDifference costDifference, Refused refused,
                            List<CutOff> cutOffs) {
    }

    public record Report(String rulesetVersion, int minimumEvidence, double confidence, int resamples, long seed,
                         List<Threshold> thresholds) {
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

    static Report build(Ruleset ruleset, HandoffStore store, TuningSettings settings) {
        List<HandoffState> handoffs = store.decidedBetween(null, null, null);
        Map<String, Set<String>> outcomes = new HashMap<>();
        Set<String> decisions = new HashSet<>();
        handoffs.forEach(h -> decisions.add(h.decisionId()));
        for (Records.OutcomeReport o : store.outcomesBetween(null, null)) {
            if (decisions.contains(o.decisionId())) {
                outcomes.computeIfAbsent(o.contractId(), k -> new HashSet<>()).add(o.kind());
            }
        }
        return backtest(ruleset.version(), bands(ruleset), handoffs, outcomes, settings);
    }

    /** The backtest itself, on handoffs and their outcome kinds: pure, so the same data gives the same report. */
    static Report backtest(String version, List<Band> bands, List<HandoffState> handoffs, Map<String, Set<String>> outcomes,
                           TuningSettings settings) {
        List<HandoffState> ordered = handoffs.stream().sorted(java.util.Comparator.comparing(HandoffState::contractId)).toList();
        List<Threshold> thresholds = new ArrayList<>();
        for (Band band : bands) {
            Band lower = band.from() <= 0 ? null
                    : bands.stream().filter(b -> b.below() == band.from() && sameScope(b, band)).findFirst().orElse(null);
            if (lower != null) {
                thresholds.add(BoundaryBacktest.of(band, lower, governed(band, bands, ordered), outcomes, settings));
            }
        }
        return new Report(version, settings.minimumEvidence(), settings.confidence(), settings.resamples(), settings.seed(), thresholds);
    }

    /** The handoffs a band row governs: its domain and tier (an any-tier row leaves out tiers with rows of their own). */
    private static List<HandoffState> governed(Band band, List<Band> bands, List<HandoffState> handoffs) {
        Set<String> ownTiers = new HashSet<>();
        bands.stream().filter(b -> b.domain() != null && b.domain().equals(band.domain()) && b.customerTier() != null)
                .forEach(b -> ownTiers.add(b.customerTier()));
        return handoffs.stream()
                .filter(h -> band.domain() == null || band.domain().equals(h.domain()))
                .filter(h -> band.customerTier() != null ? band.customerTier().equals(h.customerTier())
                        : h.customerTier() == null || !ownTiers.contains(h.customerTier()))
                .toList();
    }

    private static boolean sameScope(Band a, Band b) {
        return java.util.Objects.equals(a.domain(), b.domain()) && java.util.Objects.equals(a.customerTier(), b.customerTier());
    }
}
