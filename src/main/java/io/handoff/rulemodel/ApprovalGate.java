package io.handoff.rulemodel;

/** An approval the handoff needs before the receiver takes it; the reason is the row's {@code @reason}. */
public final class ApprovalGate implements Outcome {
    private final String gateId;
    private final String approverRole;

    public ApprovalGate(String gateId, String approverRole) {
        if (gateId == null || gateId.isBlank() || approverRole == null || approverRole.isBlank()) {
            throw new IllegalArgumentException("approval gate needs a gate id and an approver role");
        }
        this.gateId = gateId;
        this.approverRole = approverRole;
    }

    public String getGateId() {
        return gateId;
    }

    public String getApproverRole() {
        return approverRole;
    }

    @Override
    public String describe() {
        return "require approval " + gateId + " by " + approverRole;
    }
}
