package io.handoff.orchestration;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Each metric's actual value with its sample and interval against a baseline and target, overall and per domain, the
 * baseline measured from a named window (typed values as a labelled fallback), observe and enforce side by side, per
 * ruleset version; plus per-rule hit counts and the outcome rates of the handoffs each rule fired in. Built from the
 * handoffs decided in the window (their latest decision) and the outcomes reported for those decisions.
 */
public final class Scorecard {
    /** Baseline sources: measured from a window, typed in metrics.yaml, or typed because the window held too few. */
    public static final String MEASURED = "measured";
    public static final String TYPED = "typed";
    public static final String TYPED_FALLBACK = "typed-fallback";

    private Scorecard() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Report(Instant from, Instant to, String rulesetVersion, int handoffs, int reported, int minimumSample,
                         double confidence, List<MetricDefinitions.Window> windows, List<MetricResult> metrics,
                         List<RuleStats> rules) {
    }

    /** A value with the sample it rests on and its interval ({@code low}..{@code high}, null when the metric has none). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Estimate(Double value, int sample, Double low, Double high) {
    }

    /** A baseline: its value, where it comes from ({@link #MEASURED}, {@link #TYPED}, {@link #TYPED_FALLBACK}) and why. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Baseline(Double value, String source, String window, Integer sample, Double low, Double high, String note) {
    }

    /** One domain of a metric: actual, baseline, status, and the observe-mode and enforce-mode handoffs side by side. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DomainResult(String domain, Estimate actual, Baseline baseline, Double target, String status, Estimate observe,
                               Estimate enforce) {
    }

    /**
     * {@code status}: met (at or better than target), improved (the whole interval better than the baseline), worse (the
     * whole interval worse), unchanged (the baseline inside the interval), too-few (sample below the minimum: no verdict)
     * or no-data. {@code interval}: how {@code low}..{@code high} is computed (wilson,
     * median-order-statistic) at the report's confidence.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MetricResult(String name, String description, String formula, String domain, String better,
                               Double baseline, String baselineSource, Double target, Double actual, Integer sample, Double low,
                               Double high, String interval, String status, Map<String, Double> byDomain,
                               Map<String, Double> byRulesetVersion, List<DomainResult> domains) {
    }

    public record RuleStats(String ruleId, int hits, int reported, Map<String, Double> outcomeRates) {
    }

    static Report build(HandoffStore store, MetricDefinitions definitions, Instant from, Instant to, String rulesetVersion) {
        ScorecardData data = ScorecardData.load(store, from, to, rulesetVersion);
        Map<String, ScorecardData> windows = new LinkedHashMap<>();
        definitions.windows().values().forEach(w -> windows.put(w.name(), ScorecardData.load(store, w.from(), w.to(), null).only(w::holds)));
        return compute(definitions, from, to, rulesetVersion, data, windows);
    }

    /** One report per day from {@code from} to {@code to}, read from the database once (no baselines measured). */
    static List<Report> daily(HandoffStore store, MetricDefinitions definitions, Instant from, Instant to) {
        ScorecardData data = ScorecardData.load(store, from, to, null);
        List<Report> days = new ArrayList<>();
        for (Instant day = from; day.isBefore(to); day = day.plus(Duration.ofDays(1))) {
            Instant start = day;
            Instant end = day.plus(Duration.ofDays(1));
            days.add(compute(definitions, start, end, null,
                    data.only(h -> !h.decidedAt().isBefore(start) && h.decidedAt().isBefore(end)), Map.of()));
        }
        return days;
    }

    private static Report compute(MetricDefinitions definitions, Instant from, Instant to, String rulesetVersion, ScorecardData data,
                                  Map<String, ScorecardData> windows) {
        MetricDefinitions.Evidence evidence = definitions.evidence();
        List<MetricResult> metrics = new ArrayList<>();
        for (MetricDefinitions.Metric metric : definitions.metrics()) {
            ScorecardData scope = data.only(h -> "all".equals(metric.domain()) || metric.domain().equals(h.domain()));
            Estimate actual = Estimates.of(metric, scope, evidence.confidence());
            Baseline baseline = baseline(metric, metric.domain(), windows, evidence);
            List<DomainResult> domains = new ArrayList<>();
            Map<String, Double> byDomain = new TreeMap<>();
            List<String> names = "all".equals(metric.domain()) ? List.of(OutcomeKinds.SUPPORT, OutcomeKinds.PRODUCT) : List.of(metric.domain());
            for (String domain : names) {
                ScorecardData inDomain = scope.only(h -> domain.equals(h.domain()));
                Estimate value = Estimates.of(metric, inDomain, evidence.confidence());
                Baseline domainBaseline = baseline(metric, domain, windows, evidence);
                domains.add(new DomainResult(domain, value, domainBaseline, metric.target(),
                        status(metric, value, domainBaseline.value(), evidence), Estimates.of(metric, inDomain.only(h -> !h.enforced()),
                        evidence.confidence()), Estimates.of(metric, inDomain.only(HandoffState::enforced), evidence.confidence())));
                if (!inDomain.handoffs().isEmpty()) {
                    byDomain.put(domain, value.value());
                }
            }
            Map<String, Double> byVersion = new TreeMap<>();
            scope.handoffs().stream().map(HandoffState::rulesetVersion).distinct().forEach(version -> byVersion.put(version,
                    Estimates.of(metric, scope.only(h -> h.rulesetVersion().equals(version)), evidence.confidence()).value()));
            metrics.add(new MetricResult(metric.name(), metric.description(), metric.formula(), metric.domain(), metric.better(),
                    baseline.value(), baseline.source(), metric.target(), actual.value(), actual.sample(), actual.low(), actual.high(),
                    Estimates.method(metric), status(metric, actual, baseline.value(), evidence), byDomain, byVersion, domains));
        }
        return new Report(from, to, rulesetVersion, data.handoffs().size(), data.reported(), evidence.minimumSample(),
                evidence.confidence(), List.copyOf(definitions.windows().values()), metrics, ruleStats(data));
    }

    /**
     * The metric's baseline for a domain ("all": every domain the metric covers): measured from its window when that
     * window holds at least the minimum sample, else the typed value, labelled as a fallback.
     */
    private static Baseline baseline(MetricDefinitions.Metric metric, String domain, Map<String, ScorecardData> windows,
                                     MetricDefinitions.Evidence evidence) {
        MetricDefinitions.Baseline spec = metric.baseline();
        Double typed = spec.typed(domain);
        if (spec.window() == null) {
            return new Baseline(typed, typed == null ? null : TYPED, null, null, null, null, null);
        }
        ScorecardData window = windows.get(spec.window());
        if (window == null) {
            return new Baseline(typed, typed == null ? null : TYPED_FALLBACK, spec.window(), null, null, null,
                    "not measured in a daily report");
        }
        Estimate measured = Estimates.of(metric, window.only(h -> "all".equals(domain) || domain.equals(h.domain())),
                evidence.confidence());
        if (measured.value() != null && measured.sample() >= evidence.minimumSample()) {
            return new Baseline(measured.value(), MEASURED, spec.window(), measured.sample(), measured.low(), measured.high(), null);
        }
        return new Baseline(typed, typed == null ? null : TYPED_FALLBACK, spec.window(), measured.sample(), null, null,
                "window " + spec.window() + " holds " + measured.sample() + " of the " + evidence.minimumSample() + " needed");
    }

    private static String status(MetricDefinitions.Metric metric, Estimate actual, Double baseline, MetricDefinitions.Evidence evidence) {
        if (actual.value() == null) {
            return "no-data";
        }
        if (actual.sample() < evidence.minimumSample()) {
            return "too-few";
        }
        boolean lower = metric.lowerIsBetter();
        double value = actual.value();
        if (metric.target() != null && (lower ? value <= metric.target() : value >= metric.target())) {
            return "met";
        }
        if (baseline == null) {
            return "worse";
        }
        // with an interval, a baseline inside it is no change: the sample cannot tell the two apart
        double best = actual.low() == null ? value : lower ? actual.high() : actual.low();
        double worst = actual.low() == null ? value : lower ? actual.low() : actual.high();
        if (lower ? best < baseline : best > baseline) {
            return "improved";
        }
        if (lower ? worst > baseline : worst < baseline) {
            return "worse";
        }
        return "unchanged";
    }

    private static List<RuleStats> ruleStats(ScorecardData data) {
        Map<String, int[]> hits = new TreeMap<>();
        Map<String, Map<String, Integer>> kinds = new HashMap<>();
        for (HandoffState h : data.handoffs()) {
            Set<String> reported = data.outcomes().get(h.contractId());
            for (String rule : new LinkedHashSet<>(Orchestrator.firedRules(h))) {
                int[] counts = hits.computeIfAbsent(rule, k -> new int[2]);
                counts[0]++;
                if (reported != null) {
                    counts[1]++;
                    Map<String, Integer> byKind = kinds.computeIfAbsent(rule, k -> new TreeMap<>());
                    reported.forEach(kind -> byKind.merge(kind, 1, Integer::sum));
                }
            }
        }
        List<RuleStats> stats = new ArrayList<>();
        hits.forEach((rule, counts) -> {
            Map<String, Double> rates = new TreeMap<>();
            kinds.getOrDefault(rule, Map.of()).forEach((kind, n) -> rates.put(kind, Math.round(n * 10_000.0 / counts[1]) / 10_000.0));
            stats.add(new RuleStats(rule, counts[0], counts[1], rates));
        });
        stats.sort(Comparator.comparing(RuleStats::hits).reversed().thenComparing(RuleStats::ruleId));
        return stats;
    }
}
