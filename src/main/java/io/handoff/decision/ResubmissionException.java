package io.handoff.decision;

/**
 * A submission the handoff's life does not allow, with the HTTP status and stable code the caller gets: a reused
 * idempotency key, a closed handoff, a handoff that changed while the decision was made. Nothing is recorded.
 */
public class ResubmissionException extends RuntimeException {
    public static final String KEY_REUSED = "idempotency-key-reused";
    public static final String INVALID_KEY = "invalid-idempotency-key";
    public static final String INVALID_REOPEN = "invalid-reopen";
    public static final String CLOSED = "handoff-closed";
    public static final String NOT_CLOSED = "handoff-not-closed";
    public static final String CHANGED = "handoff-changed";

    private final int status;
    private final String code;

    public ResubmissionException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static ResubmissionException closed(String contractId, String decisionId, String status) {
        return new ResubmissionException(409, CLOSED, "handoff " + contractId + " is closed (" + status + ", decision "
                + decisionId + "); a new decision would start its life again: send ?reopen=true&reason=... to do so on purpose");
    }

    public static ResubmissionException changed(String contractId, String expected, String found) {
        return new ResubmissionException(409, CHANGED, "handoff " + contractId + " changed while this decision was made "
                + "(expected decision " + expected + ", found " + found + "); nothing was recorded: send it again");
    }
}
