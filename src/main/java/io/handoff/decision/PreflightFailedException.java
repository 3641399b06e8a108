package io.handoff.decision;

/** A hard preflight check failed: the decision is not made (nor recorded), and the check is named. */
public class PreflightFailedException extends RuntimeException {
    private final String check;

    public PreflightFailedException(String check, String message) {
        super(message);
        this.check = check;
    }

    public String check() {
        return check;
    }
}
