package io.handoff.decision;

/**
 * A hard preflight check failed: the decision is not returned nor acted on, and the check is named. On the decision
 * path the refusal is recorded as a fault under {@code faultId} (the refused decision's id) and counted against the
 * ruleset version like a failed evaluation.
 */
public class PreflightFailedException extends RuntimeException {
    public static final String CODE = "preflight-failed";
    private final String check;
    private final String faultId;

    public PreflightFailedException(String check, String message) {
        this(check, message, null);
    }

    public PreflightFailedException(String check, String message, String faultId) {
        super(message);
        this.check = check;
        this.faultId = faultId;
    }

    public String check() {
        return check;
    }

    /** The fault record that keeps this refusal, or null when it was not recorded. */
    public String faultId() {
        return faultId;
    }
}
