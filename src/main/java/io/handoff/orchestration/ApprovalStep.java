package io.handoff.orchestration;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.handoff.audit.AuditEntry;

/**
 * Approvals: one per gate, opened with the decision; an approver decides each once. All gates approved: the handoff
 * is accepted (posture green). One rejection: it goes back to the sender and the other pending gates are cancelled.
 */
final class ApprovalStep {
    private final Steps steps;
    private final HandoffStore store;
    private final OrchestrationProperties properties;

    ApprovalStep(Steps steps, OrchestrationProperties properties) {
        this.steps = steps;
        this.store = steps.store;
        this.properties = properties;
    }

    List<Records.Approval> approvals(String role, String status, int limit) {
        return store.approvals(role, status, limit);
    }

    List<Records.Approval> approvalsOfDecision(String decisionId) {
        return store.approvalsOf(decisionId);
    }

    Optional<Records.Approval> approval(String id) {
        return store.approval(id);
    }

    /** See {@link Orchestrator#decideApproval}. */
    Records.StepResult decideApproval(ApprovalCommand command) {
        String approvalId = command.approvalId();
        Actor actor = command.actor();
        String comment = command.comment();
        return steps.step(() -> {
            Records.Approval approval = store.approval(approvalId)
                    .orElseThrow(() -> OrchestrationException.notFound("unknown-approval", "no approval " + approvalId));
            HandoffState h = store.handoff(approval.contractId()).orElseThrow();
            String asRole = command.roleOr(approval.approverRole());
            Instant at = steps.now();
            String refusal = null;
            String code = null;
            String sender = sender(h, actor);
            if (sender != null) {
                code = "four-eyes";
                refusal = "the sender of a handoff may not decide its gates (four eyes): " + sender + " sent " + h.contractId();
            } else if (!approval.approverRole().equals(asRole) || !properties.holds(actor.actingAs(), asRole)) {
                code = "wrong-approver-role";
                refusal = !approval.approverRole().equals(asRole)
                        ? "gate " + approval.gateId() + " needs role " + approval.approverRole() + ", not " + asRole
                        : "approver " + actor.actingAs() + " does not hold role " + asRole + " in the approver directory";
            }
            if (code != null) {
                Map<String, Object> body = Steps.body(AuditEntry.APPROVAL, h, actor, at);
                body.put("approvalId", approvalId);
                body.put("gateId", approval.gateId());
                body.put("verdict", command.verdict().wire());
                body.put("role", asRole);
                body.put("refused", code);
                body.put("reason", refusal);
                throw new OrchestrationException(403, code, refusal,
                        Steps.entry(AuditEntry.APPROVAL, "refused", h, h.posture(), at, body, List.of(approval.gateId())));
            }
            if (!ApprovalStatus.PENDING.is(approval.status())) {
                throw OrchestrationException.conflict("approval-already-decided",
                        "approval " + approvalId + " is already " + approval.status());
            }
            ApprovalStatus status = command.verdict().outcome();
            if (!store.decideApproval(approvalId, status.wire(), actor, asRole, comment, at)) {
                throw OrchestrationException.conflict("approval-already-decided", "approval " + approvalId + " was decided first");
            }
            HandoffState after = h;
            String cause = null;
            if (status == ApprovalStatus.REJECTED) {
                store.cancelPending(approval.decisionId(), ApprovalStatus.CANCELLED.wire(), "gate " + approval.gateId() + " was rejected", at);
                after = h.with(HandoffState.RETURNED, h.posture(), at);
                cause = "gate " + approval.gateId() + " rejected by " + actor.describe() + (comment == null ? "" : ": " + comment);
            } else if (store.approvalsOf(approval.decisionId()).stream().allMatch(a -> ApprovalStatus.APPROVED.is(a.status()))) {
                after = h.with(HandoffState.ACCEPTED, "green", at);
                cause = "every gate approved (last: " + approval.gateId() + " by " + actor.describe() + ")";
            }
            Records.Approval decided = store.approval(approvalId).orElseThrow();
            Map<String, Object> body = Steps.body(AuditEntry.APPROVAL, h, actor, at);
            body.put("approval", decided);
            return steps.commit(AuditEntry.APPROVAL, status.wire(), h, after, cause, at, body, List.of(approval.gateId()), decided,
                    null, null, null);
        });
    }

    /**
     * Which identity of the step sent the handoff, or null: the principal that submitted its decision, and the
     * contract's {@code from.actor} when that names an approver directory id (free text naming nobody in the
     * directory is no identity). Admins are no exception.
     */
    private String sender(HandoffState h, Actor actor) {
        String namedSender = properties.directoryId(h.senderActor()).orElse(null);
        for (String id : actor.identities()) {
            if (id.equals(h.submittedBy()) || id.equalsIgnoreCase(namedSender)) {
                return id;
            }
        }
        return null;
    }
}
