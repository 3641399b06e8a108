package io.handoff.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Simulate and shadow runs report every change a rule can make, not only outcome, posture, route and score. */
class DecisionDiffTest {
    private static final Decision.RouteChoice ROUTE = new Decision.RouteChoice("support-tier2", "ROUTE-CS-050", "tier 2 support");

    @Test
    void reportsRetryApproverRoleRemediationAndGuardrailChanges() {
        Decision before = decision(new Decision.Retry(3, 300, "RETRY-CS-030"),
                List.of(new Decision.RequiredApproval("budget", "budget-owner", "over the cap", "GATE-CS-040")),
                List.of(), List.of());
        Decision after = decision(new Decision.Retry(1, 5, "RETRY-CS-030"),
                List.of(new Decision.RequiredApproval("budget", "finance-lead", "over the cap", "GATE-CS-040")),
                List.of(new Decision.RemediationItem("/package/summary", "write a summary", "SCORE-CS-015")),
                List.of(new Decision.Finding("cost", "budget-guard", "amber", "estimate over cap", "GUARD-COST-010")));

        assertThat(DecisionDiff.between(before, after)).containsExactly(
                "approvals [budget by budget-owner (over the cap)] -> [budget by finance-lead (over the cap)]",
                "retryPolicy 3 attempts, 300 s -> 1 attempts, 5 s",
                "guardrails [] -> [cost/budget-guard/amber (estimate over cap)]",
                "remediation [] -> [/package/summary (write a summary)]");
        assertThat(DecisionDiff.between(before, before)).isEmpty();
    }

    @Test
    void aRetryPolicyOnlyChangeIsNamedByItsField() {
        Decision before = decision(new Decision.Retry(3, 300, "RETRY-CS-030"), List.of(), List.of(), List.of());
        Decision after = decision(new Decision.Retry(1, 5, "RETRY-CS-030"), List.of(), List.of(), List.of());
        assertThat(DecisionDiff.between(before, after)).containsExactly("retryPolicy 3 attempts, 300 s -> 1 attempts, 5 s");
    }

    @Test
    void reportsAChangedReasonOfAContributionAndOfTheRoute() {
        Decision before = decision(new Decision.Retry(3, 300, "RETRY-CS-030"), List.of(), List.of(), List.of());
        Decision after = new Decision("d-2", null, "HC-1", "customer-support", "tier1-to-tier2", null, "v2", "hash", "accept",
                "green", 90, List.of(new Decision.Contribution("SCORE-CS-000", 90, "baseline (reworded)")),
                new Decision.RouteChoice("support-tier2", "ROUTE-CS-060", "tier 2 support"), List.of(), List.of(),
                new Decision.Retry(3, 300, "RETRY-CS-030"), List.of(), List.of(), null, null, null);
        assertThat(DecisionDiff.between(before, after)).containsExactly(
                "route.reason ROUTE-CS-050: tier 2 support -> ROUTE-CS-060: tier 2 support",
                "contributions [] -> [SCORE-CS-000 +90 (baseline (reworded))]");
    }

    private static Decision decision(Decision.Retry retry, List<Decision.RequiredApproval> approvals,
                                     List<Decision.RemediationItem> remediation, List<Decision.Finding> guardrails) {
        return new Decision("d-1", null, "HC-1", "customer-support", "tier1-to-tier2", null, "v1", "hash", "accept", "green", 90,
                List.of(), ROUTE, approvals, guardrails, retry, remediation, List.of(), null, null, null);
    }
}
