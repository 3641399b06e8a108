package io.handoff.decision;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What differs between two decisions on the same contract, in the words a reviewer reads: everything a rule
 * decides (outcome, posture, route, score, each gate with its approver role and reason, retry policy, guardrail
 * findings, remediation), not only the headline. One comparison for simulate and for shadow runs.
 */
public final class DecisionDiff {
    private DecisionDiff() {
    }

    /** Empty when the two decide the same. */
    public static List<String> between(Decision a, Decision b) {
        List<String> parts = new ArrayList<>();
        field(parts, "outcome", a.outcome(), b.outcome());
        field(parts, "posture", a.posture(), b.posture());
        field(parts, "route", a.route() == null ? null : a.route().queue(), b.route() == null ? null : b.route().queue());
        field(parts, "score", a.score(), b.score());
        set(parts, "approvals", a, b, d -> d.approvals(), g -> g.gateId() + " by " + g.approverRole() + " (" + g.reason() + ")");
        field(parts, "retry", retry(a), retry(b));
        set(parts, "guardrails", a, b, d -> d.guardrails(), f -> f.category() + "/" + f.action() + "/" + f.postureFloor());
        set(parts, "remediation", a, b, d -> d.remediation(), r -> r.pointer() + " (" + r.message() + ")");
        return parts;
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
