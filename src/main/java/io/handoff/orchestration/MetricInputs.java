package io.handoff.orchestration;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** What a metric formula can ask about a set of handoffs (the root object of the formulas in metrics.yaml). */
public final class MetricInputs {
    private final List<HandoffState> handoffs;
    private final Map<String, Set<String>> outcomesByContract;
    private final Map<String, Boolean> metricMetByContract;
    private final List<Double> approvalHours;

    MetricInputs(List<HandoffState> handoffs, Map<String, Set<String>> outcomesByContract, Map<String, Boolean> metricMetByContract,
                 List<Double> approvalHours) {
        this.handoffs = handoffs;
        this.outcomesByContract = outcomesByContract;
        this.metricMetByContract = metricMetByContract;
        this.approvalHours = approvalHours;
    }

    /** Handoffs with at least one outcome report of that kind. */
    public double count(String kind) {
        return handoffs.stream().filter(h -> outcomesByContract.getOrDefault(h.contractId(), Set.of()).contains(kind)).count();
    }

    /** Handoffs whose every reported success metric reached the target its contract declared. */
    public double metricsMet() {
        return handoffs.stream().filter(h -> Boolean.TRUE.equals(metricMetByContract.get(h.contractId()))).count();
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

    List<Double> approvalHours() {
        return approvalHours;
    }
}
