package io.handoff.orchestration;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Handoffs decided in a period (their latest decision), the outcome kinds reported for those decisions, whether their
 * reported success metrics met the declared targets, and their approval turnaround: what metric formulas read.
 */
record ScorecardData(List<HandoffState> handoffs, Map<String, Set<String>> outcomes, Map<String, Boolean> metricMet,
                     Map<String, List<Double>> approvalHours) {

    static ScorecardData load(HandoffStore store, Instant from, Instant to, String rulesetVersion) {
        List<HandoffState> handoffs = store.decidedBetween(from, to, rulesetVersion);
        Set<String> decisions = new HashSet<>();
        handoffs.forEach(h -> decisions.add(h.decisionId()));
        Map<String, Set<String>> outcomes = new HashMap<>();
        Map<String, Boolean> met = new HashMap<>();
        for (Records.OutcomeReport o : store.outcomesBetween(from, to)) {
            if (decisions.contains(o.decisionId())) {
                outcomes.computeIfAbsent(o.contractId(), k -> new TreeSet<>()).add(o.kind());
                if (o.metricMet() != null) {
                    met.merge(o.contractId(), o.metricMet(), Boolean::logicalAnd);
                }
            }
        }
        Map<String, List<Double>> approvalHours = new HashMap<>();
        for (Records.Approval a : store.decidedApprovalsBetween(from, to)) {
            if (decisions.contains(a.decisionId()) && a.decidedAt() != null) {
                approvalHours.computeIfAbsent(a.contractId(), k -> new ArrayList<>())
                        .add(Duration.between(a.openedAt(), a.decidedAt()).toMillis() / 3_600_000.0);
            }
        }
        return new ScorecardData(handoffs, outcomes, met, approvalHours);
    }

    /** The same data for the handoffs that pass the filter. */
    ScorecardData only(Predicate<HandoffState> filter) {
        return new ScorecardData(handoffs.stream().filter(filter).toList(), outcomes, metricMet, approvalHours);
    }

    MetricInputs inputs() {
        List<Double> hours = new ArrayList<>();
        handoffs.forEach(h -> hours.addAll(approvalHours.getOrDefault(h.contractId(), List.of())));
        return new MetricInputs(handoffs, outcomes, metricMet, hours);
    }

    int reported() {
        return (int) handoffs.stream().filter(h -> outcomes.containsKey(h.contractId())).count();
    }
}
