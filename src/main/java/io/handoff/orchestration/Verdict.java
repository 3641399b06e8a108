package io.handoff.orchestration;

/** What an approver says about one gate: the request's {@code decision} string, parsed once at the step's entry. */
enum Verdict {
    APPROVE("approve", ApprovalStatus.APPROVED),
    REJECT("reject", ApprovalStatus.REJECTED);

    private final String wire;
    private final ApprovalStatus outcome;

    Verdict(String wire, ApprovalStatus outcome) {
        this.wire = wire;
        this.outcome = outcome;
    }

    /** The request's string, as recorded in audit bodies. */
    String wire() {
        return wire;
    }

    /** The status the approval moves to. */
    ApprovalStatus outcome() {
        return outcome;
    }

    /** Parses the request's string; anything else is refused with the code callers already get (422 invalid-verdict). */
    static Verdict of(String verdict) {
        for (Verdict v : values()) {
            if (v.wire.equals(verdict)) {
                return v;
            }
        }
        throw OrchestrationException.invalid("invalid-verdict", "decision must be 'approve' or 'reject'");
    }
}
