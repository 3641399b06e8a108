package io.handoff.audit;

/** The decision could not be committed to the audit log, so it must not be returned. */
public class AuditUnavailableException extends RuntimeException {
    public AuditUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
