package io.handoff.orchestration;

import io.handoff.audit.AuditEntry;

/**
 * A step that cannot be taken, with the HTTP status and stable code the caller gets. When {@code refusal} is
 * set the refused attempt itself is recorded in the audit log (who tried what, and why it was refused).
 */
public class OrchestrationException extends RuntimeException {
    private final int status;
    private final String code;
    private final transient AuditEntry refusal;
    private final String pointer;

    public OrchestrationException(int status, String code, String message) {
        this(status, code, message, null);
    }

    OrchestrationException(int status, String code, String message, AuditEntry refusal) {
        this(status, code, message, refusal, null);
    }

    private OrchestrationException(int status, String code, String message, AuditEntry refusal, String pointer) {
        super(message);
        this.status = status;
        this.code = code;
        this.refusal = refusal;
        this.pointer = pointer;
    }

    /** The JSON pointer of the request field at fault, when one field is; null otherwise. */
    public String pointer() {
        return pointer;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    AuditEntry refusal() {
        return refusal;
    }

    static OrchestrationException notFound(String code, String message) {
        return new OrchestrationException(404, code, message);
    }

    static OrchestrationException conflict(String code, String message) {
        return new OrchestrationException(409, code, message);
    }

    static OrchestrationException invalid(String code, String message) {
        return new OrchestrationException(422, code, message);
    }

    static OrchestrationException invalid(String code, String pointer, String message) {
        return new OrchestrationException(422, code, message, null, pointer);
    }
}
