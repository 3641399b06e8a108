package io.handoff.contract;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.handoff.contract.HandoffContract.LaunchPlan;
import io.handoff.contract.HandoffContract.WorkItem;

/**
 * What a valid 1.1 contract leaves open, in the shape of a violation (stable code, JSON pointer) but not a refusal:
 * the contract is consistent, the work is not ready. The rules turn each gap into a finding and a remediation (a
 * launch whose release date already passed is returned red, naming the date, not refused). Measured from the
 * contract's {@code asOf}, never the clock. 1.0 contracts have no gaps: their decisions stay as they were.
 */
public final class ContractGaps {
    public static final String RELEASE_DATE_PAST = "release-date-past";
    public static final String LAUNCH_PLAN_MISSING = "launch-plan-missing";
    public static final String REVIEW_NOT_PASSED = "review-not-passed";
    static final List<String> LAUNCH_PARTS = List.of("rolloutPlan", "rollbackPlan", "monitoring", "supportEnablement",
            "communications", "legalReview", "securityReview");

    private ContractGaps() {
    }

    public static List<Violation> of(HandoffContract contract) {
        List<Violation> gaps = new ArrayList<>();
        WorkItem item = contract.workItem();
        if (!"1.1".equals(contract.schemaVersion()) || item == null) {
            return gaps;
        }
        LocalDate today = contract.asOf().toLocalDate();
        if (item.targetReleaseDate() != null && item.targetReleaseDate().isBefore(today)) {
            gaps.add(new Violation("/workItem/targetReleaseDate", RELEASE_DATE_PAST, "the target release date "
                    + item.targetReleaseDate() + " lies before asOf " + today + ": set the date the launch now aims for"));
        }
        if ("launch-readiness".equals(contract.handoffType())) {
            launch(item.launch(), gaps);
        }
        return gaps;
    }

    private static void launch(LaunchPlan plan, List<Violation> gaps) {
        if (plan == null) {
            gaps.add(new Violation("/workItem/launch", LAUNCH_PLAN_MISSING, "a launch states its rollout and rollback plan,"
                    + " monitoring, support enablement, communications and its legal and security review"));
            return;
        }
        List<Object> parts = java.util.Arrays.asList(plan.rolloutPlan(), plan.rollbackPlan(), plan.monitoring(),
                plan.supportEnablement(), plan.communications(), plan.legalReview(), plan.securityReview());
        for (int i = 0; i < LAUNCH_PARTS.size(); i++) {
            if (parts.get(i) == null) {
                gaps.add(new Violation("/workItem/launch/" + LAUNCH_PARTS.get(i), LAUNCH_PLAN_MISSING,
                        "the launch plan has no " + LAUNCH_PARTS.get(i)));
            }
        }
        review("legalReview", plan.legalReview(), gaps);
        review("securityReview", plan.securityReview(), gaps);
    }

    private static void review(String name, HandoffContract.Review review, List<Violation> gaps) {
        if (review != null && ("failed".equals(review.result()) || "pending".equals(review.result()))) {
            gaps.add(new Violation("/workItem/launch/" + name + "/result", REVIEW_NOT_PASSED,
                    "the " + name + " is " + review.result() + ": a launch needs it passed or waived"));
        }
    }
}
