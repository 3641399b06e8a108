package io.handoff.orchestration;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

import org.springframework.expression.EvaluationException;
import org.springframework.expression.spel.support.SimpleEvaluationContext;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Each metric's actual value against its baseline and target, overall, per domain and per ruleset version,
 * plus per-rule hit counts and the outcome rates of the handoffs each rule fired in. Built from the handoffs
 * decided in the window (their latest decision) and the outcomes reported for those decisions.
 */
public final class Scorecard {
    private Scorecard() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Report(Instant from, Instant to, String rulesetVersion, int handoffs, int reported,
                         List<MetricResult> metrics, List<RuleStats> rules) {
    }

    /** {@code status}: met (at or better than target), improved (better than baseline), worse, or no-data. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MetricResult(String name, String description, String formula, String domain, String better,
                               Double baseline, Double target, Double actual, String status,
                               Map<String, Double> byDomain, Map<String, Double> byRulesetVersion) {
    }

    public record RuleStats(String ruleId, int hits, int reported, Map<String, Double> outcomeRates) {
    }

    /** What a formula can ask about a set of handoffs. */
    public static final class Inputs {
        private final List<HandoffState> handoffs;
        private final Map<String, Set<String>> outcomesByContract;
        private final List<Double> approvalHours;

        Inputs(List<HandoffState> handoffs, Map<String, Set<String>> outcomesByContract, List<Double> approvalHours) {
            this.handoffs = handoffs;
            this.outcomesByContract = outcomesByContract;
            this.approvalHours = approvalHours;
        }

        public double count(String kind) {
            return handoffs.stream().filter(h -> outcomesByContract.getOrDefault(h.contractId(), Set.of()).contains(kind)).count();
        }

        public double reported() {
            return handoffs.stream().filter(h -> outcomesByContract.containsKey(h.contractId())).count();
        }

        public double handoffs() {
            return handoffs.size();
        }

        public double delivered() {
            return handoffs.stream().filter(h -> HandoffState.DELIVERED.equals(h.status())).count();
        }

        public double escalated() {
            return handoffs.stream().filter(h -> "escalate".equals(h.decisionOutcome())
                    || HandoffState.ESCALATED.equals(h.status())).count();
        }

        public double medianApprovalHours() {
            if (approvalHours.isEmpty()) {
                return Double.NaN;
            }
            List<Double> sorted = approvalHours.stream().sorted().toList();
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }
    }

    static Report build(HandoffStore store, MetricDefinitions definitions, Instant from, Instant to, String rulesetVersion) {
        Loaded loaded = load(store, from, to, rulesetVersion);
        return compute(definitions, from, to, rulesetVersion, loaded.handoffs(), loaded.outcomes(), loaded.approvalHours());
    }

    /** One report per day from {@code from} to {@code to}, read from the database once. */
    static List<Report> daily(HandoffStore store, MetricDefinitions definitions, Instant from, Instant to) {
        Loaded loaded = load(store, from, to, null);
        List<Report> days = new ArrayList<>();
        for (Instant day = from; day.isBefore(to); day = day.plus(Duration.ofDays(1))) {
            Instant start = day;
            Instant end = day.plus(Duration.ofDays(1));
            days.add(compute(definitions, start, end, null, loaded.handoffs().stream()
                    .filter(h -> !h.decidedAt().isBefore(start) && h.decidedAt().isBefore(end)).toList(),
                    loaded.outcomes(), loaded.approvalHours()));
        }
        return days;
    }

    /** Handoffs decided in the window, the outcome kinds of their decisions, and their approval turnaround. */
    private record Loaded(List<HandoffState> handoffs, Map<String, Set<String>> outcomes, Map<String, List<Double>> approvalHours) {
    }

    private static Loaded load(HandoffStore store, Instant from, Instant to, String rulesetVersion) {
        List<HandoffState> handoffs = store.decidedBetween(from, to, rulesetVersion);
        Set<String> decisions = new HashSet<>();
        handoffs.forEach(h -> decisions.add(h.decisionId()));
        Map<String, Set<String>> outcomes = new HashMap<>();
        for (Records.OutcomeReport o : store.outcomesBetween(from, to)) {
            if (decisions.contains(o.decisionId())) {
                outcomes.computeIfAbsent(o.contractId(), k -> new TreeSet<>()).add(o.kind());
            }
        }
        Map<String, List<Double>> approvalHours = new HashMap<>();
        for (Records.Approval a : store.decidedApprovalsBetween(from, to)) {
            if (decisions.contains(a.decisionId()) && a.decidedAt() != null) {
                approvalHours.computeIfAbsent(a.contractId(), k -> new ArrayList<>())
                        .add(Duration.between(a.openedAt(), a.decidedAt()).toMillis() / 3_600_000.0);
            }
        }
        return new Loaded(handoffs, outcomes, approvalHours);
    }

    private static Report compute(MetricDefinitions definitions, Instant from, Instant to, String rulesetVersion,
                                  List<HandoffState> handoffs, Map<String, Set<String>> outcomes,
                                  Map<String, List<Double>> approvalHours) {
        List<MetricResult> metrics = new ArrayList<>();
        for (MetricDefinitions.Metric metric : definitions.metrics()) {
            Predicate<HandoffState> inDomain = h -> "all".equals(metric.domain()) || metric.domain().equals(h.domain());
            List<HandoffState> scope = handoffs.stream().filter(inDomain).toList();
            Double actual = evaluate(metric, scope, outcomes, approvalHours);
            Map<String, Double> byDomain = new TreeMap<>();
            scope.stream().map(HandoffState::domain).distinct().forEach(domain -> byDomain.put(domain,
                    evaluate(metric, scope.stream().filter(h -> h.domain().equals(domain)).toList(), outcomes, approvalHours)));
            Map<String, Double> byVersion = new TreeMap<>();
            scope.stream().map(HandoffState::rulesetVersion).distinct().forEach(version -> byVersion.put(version,
                    evaluate(metric, scope.stream().filter(h -> h.rulesetVersion().equals(version)).toList(), outcomes, approvalHours)));
            metrics.add(new MetricResult(metric.name(), metric.description(), metric.formula(), metric.domain(), metric.better(),
                    metric.baseline(), metric.target(), actual, status(metric, actual), byDomain, byVersion));
        }
        return new Report(from, to, rulesetVersion, handoffs.size(),
                (int) handoffs.stream().filter(h -> outcomes.containsKey(h.contractId())).count(), metrics,
                ruleStats(handoffs, outcomes));
    }

    private static Double evaluate(MetricDefinitions.Metric metric, List<HandoffState> scope, Map<String, Set<String>> outcomes,
                                   Map<String, List<Double>> approvalHours) {
        List<Double> hours = new ArrayList<>();
        scope.forEach(h -> hours.addAll(approvalHours.getOrDefault(h.contractId(), List.of())));
        Inputs inputs = new Inputs(scope, outcomes, hours);
        try {
            Object value = metric.expression().getValue(SimpleEvaluationContext.forReadOnlyDataBinding().withInstanceMethods()
                    .withRootObject(inputs).build());
            if (value instanceof Number number) {
                double d = number.doubleValue();
                return Double.isFinite(d) ? Math.round(d * 10_000) / 10_000.0 : null;
            }
            throw new IllegalArgumentException("metric " + metric.name() + ": formula '" + metric.formula() + "' gives "
                    + (value == null ? "nothing" : value.getClass().getSimpleName()) + ", not a number");
        } catch (EvaluationException e) {
            throw new IllegalArgumentException("metric " + metric.name() + ": formula '" + metric.formula() + "' fails: "
                    + e.getMessage(), e);
        }
    }

    private static String status(MetricDefinitions.Metric metric, Double actual) {
        if (actual == null) {
            return "no-data";
        }
        boolean lower = metric.lowerIsBetter();
        if (metric.target() != null && (lower ? actual <= metric.target() : actual >= metric.target())) {
            return "met";
        }
        if (metric.baseline() != null && (lower ? actual < metric.baseline() : actual > metric.baseline())) {
            return "improved";
        }
        return "worse";
    }

    private static List<RuleStats> ruleStats(List<HandoffState> handoffs, Map<String, Set<String>> outcomes) {
        Map<String, int[]> hits = new TreeMap<>();
        Map<String, Map<String, Integer>> kinds = new HashMap<>();
        for (HandoffState h : handoffs) {
            Set<String> reported = outcomes.get(h.contractId());
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
