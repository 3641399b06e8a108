package io.handoff.orchestration;

import java.util.Objects;

/**
 * One approver's verdict on one gate, checked at construction: an instance that exists has a parsed verdict, an
 * approval id and an actor. {@code role} may be null or blank (the gate's role); {@code comment} is free text.
 */
record ApprovalCommand(String approvalId, Verdict verdict, String role, String comment, Actor actor) {
    ApprovalCommand {
        Objects.requireNonNull(verdict, "verdict");
        if (approvalId == null) {
            throw OrchestrationException.notFound("unknown-approval", "no approval " + approvalId);
        }
        Objects.requireNonNull(actor, "actor");
    }

    /** From the request's strings; the verdict is checked first, as it always was (422 invalid-verdict). */
    static ApprovalCommand of(String approvalId, String verdict, String role, String comment, Actor actor) {
        return new ApprovalCommand(approvalId, Verdict.of(verdict), role, comment, actor);
    }

    /** The role the approver decides as: the one asked for, else the gate's. */
    String roleOr(String gateRole) {
        return role == null || role.isBlank() ? gateRole : role;
    }
}
