package io.handoff.orchestration;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.handoff.decision.Decision;

/**
 * Where a handoff stands after a decision, given where it stood before. A first decision (or a reopen) starts from its
 * own outcome. A revision keeps the delivery history: the attempt count always (attempt numbers never repeat), and
 * unless it reopens, failures and the next allowed attempt. So a revision whose every gate was already approved is
 * accepted at once; an accepted revision with failed attempts is retrying, or escalated when the failures already
 * exhaust its retry policy. When that differs from what the decision's outcome alone says, the timeline gets a
 * transition saying why, right after the decision.
 */
final class Revision {
    private Revision() {
    }

    static HandoffState state(Orchestrator.Opening opening, HandoffState before, boolean reopen, List<Records.Approval> gates,
                              List<String> kept, List<Map.Entry<String, Records.Transition>> transitions) {
        Decision d = opening.decision();
        Instant at = d.recordedAt();
        Decision.Retry retry = d.retryPolicy();
        int maxAttempts = retry == null ? 3 : retry.maxAttempts();
        int attempts = before == null ? 0 : before.attempts();
        int failures = before == null || reopen ? 0 : before.failures();
        Instant next = before == null || reopen ? null : before.nextAttemptAt();
        String decided = opening.enforced() ? HandoffState.statusOf(d.outcome()) : HandoffState.OBSERVED;
        String status = decided;
        String posture = d.posture();
        List<String> why = new ArrayList<>();
        if (!kept.isEmpty()) {
            why.add("kept approvals of " + String.join(", ", kept));
        }
        if (HandoffState.AWAITING_APPROVAL.equals(status) && !gates.isEmpty()
                && gates.stream().allMatch(a -> ApprovalStatus.APPROVED.is(a.status()))) {
            status = HandoffState.ACCEPTED;
            posture = "green";
            why.add("every gate it requires was approved before");
        }
        if (HandoffState.ACCEPTED.equals(status) && failures >= maxAttempts) {
            status = HandoffState.ESCALATED;
            posture = "critical";
            why.add(failures + " failed attempts already exhaust its retry policy (" + maxAttempts + " attempts)");
        } else if (HandoffState.ACCEPTED.equals(status) && failures > 0) {
            status = HandoffState.RETRYING;
            why.add("delivery goes on retrying: " + failures + " of " + maxAttempts + " attempts failed"
                    + (next == null ? "" : ", next not before " + next));
        }
        String tier = opening.contract().supportCase() == null || opening.contract().supportCase().customer() == null ? null
                : opening.contract().supportCase().customer().tier();
        HandoffState state = new HandoffState(d.contractId(), d.decisionId(), d.domain(), d.handoffType(), tier,
                opening.contract().from().team(), opening.contract().from().actor(), opening.submittedBy(), d.rulesetVersion(), at,
                d.outcome(), d.score(),
                " " + String.join(" ", d.trace().stream().map(Decision.TraceEntry::ruleId).toList()) + " ", status, posture,
                opening.enforced(), maxAttempts, retry == null ? 60 : retry.backoffSeconds(), attempts, failures, next, at);
        if (!status.equals(decided) || !posture.equals(d.posture())) {
            transitions.add(Map.entry(d.contractId(), new Records.Transition(d.decisionId(),
                    Orchestrator.derivedId(d.decisionId(), "transition", "revision"), decided, status, d.posture(), posture,
                    "revision of " + d.supersedes() + ": " + String.join("; ", why), at)));
        }
        return state;
    }

    /** True when this revision escalates on failures an earlier decision recorded, and no earlier escalation covers it. */
    static boolean exhausted(HandoffState state, HandoffState before) {
        return before != null && HandoffState.ESCALATED.equals(state.status()) && state.failures() >= state.maxAttempts()
                && state.failures() > 0 && !HandoffState.ESCALATED.equals(before.status());
    }
}
