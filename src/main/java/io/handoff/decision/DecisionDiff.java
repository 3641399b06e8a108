package io.handoff.decision;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What differs between two decisions on the same contract, in the words a reviewer reads: every field a rule
 * decides (outcome, posture, score with each contribution and its reason, route with its rule and reason, each gate
 * with its approver role and reason, retry policy, guardrail findings, remediation), each named by its field in the
 * decision's JSON. One comparison for simulate, shadow runs and replay.
 */
public final class DecisionDiff {
    private DecisionDiff() {
    }

    /** Empty when the two decide the same. */
    public static List<String> between(Decision a, Decision b) {
        List<String> parts = new ArrayList<>();
        field(parts, "outcome", a.outcome(), b.outcome());
        field(parts, "posture", a.posture(), b.posture());
        field(parts, "route", queue(a), queue(b));
        if (Objects.equals(queue(a), queue(b))) {
            field(parts, "route.reason", routeReason(a), routeReason(b));
        }
        field(parts, "score", a.score(), b.score());
        set(parts, "contributions", a, b, d -> d.contributions(), c -> c.ruleId() + " " + signed(c.points()) + " (" + c.reason() + ")");
        set(parts, "approvals", a, b, d -> d.approvals(), g -> g.gateId() + " by " + g.approverRole() + " (" + g.reason() + ")");
        field(parts, "retryPolicy", retry(a), retry(b));
        set(parts, "guardrails", a, b, d -> d.guardrails(), f -> f.category() + "/" + f.action() + "/" + f.postureFloor()
                + " (" + f.message() + ")");
        set(parts, "remediation", a, b, d -> d.remediation(), r -> r.pointer() + " (" + r.message() + ")");
        return parts;
    }

    private static String queue(Decision d) {
        return d.route() == null ? null : d.route().queue();
    }

    private static String routeReason(Decision d) {
        return d.route() == null ? null : d.route().ruleId() + ": " + d.route().reason();
    }

    private static String signed(int points) {
        return points >= 0 ? "+" + points : String.valueOf(points);
    }

    private static String retry(Decision d) {
        return d.retryPolicy() == null ? null : d.retryPolicy().maxAttempts() + " attempts, " + d.retryPolicy().backoffSeconds() + " s";
    }

    private static void field(List<String> parts, String name, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            parts.add(name + " " + a + " -> " + b);
        }
    }

    private static <T> void set(List<String> parts, String name, Decision a, Decision b, Function<Decision, List<T>> items,
                                Function<T, String> describe) {
        Set<String> before = new TreeSet<>(items.apply(a).stream().map(describe).toList());
        Set<String> after = new TreeSet<>(items.apply(b).stream().map(describe).toList());
        if (!before.equals(after)) {
            parts.add(name + " " + before + " -> " + after);
        }
    }
}
