package io.handoff.decision;

import io.handoff.audit.AuditEntry;

/** Where decisions and rejected attempts are recorded before the caller sees them; returns only once durable. */
@FunctionalInterface
public interface DecisionRecorder {
    void record(AuditEntry entry);

    /** Records nothing: for benchmarks measuring the cost of recording, never for serving. */
    static DecisionRecorder none() {
        return entry -> { };
    }
}
