package io.handoff.decision;

/** The active ruleset fired but did not state a part every decision needs (score, posture, route or outcome). */
public class IncompleteDecisionException extends RuntimeException {
    private final String decisionId;

    public IncompleteDecisionException(String decisionId, String message) {
        super(message);
        this.decisionId = decisionId;
    }

    public String decisionId() {
        return decisionId;
    }
}
