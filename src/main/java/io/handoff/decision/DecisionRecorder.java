package io.handoff.decision;

import io.handoff.audit.AuditEntry;
import io.handoff.contract.HandoffContract;

/**
 * Where decisions and rejected attempts are recorded before the caller sees them; returns only once durable.
 * For a decision, {@code decision} and {@code contract} are given so the recorder can open what the decision
 * starts (approvals, an incident) in the same transaction; for a rejected attempt they are null.
 * {@code submittedBy} is the principal that submitted it (null when decided outside the API).
 */
@FunctionalInterface
public interface DecisionRecorder {
    void record(AuditEntry entry, Decision decision, HandoffContract contract, String submittedBy);

    /**
     * As above, and takes the idempotency key in the same transaction: a second decision claiming a taken key fails
     * the whole write (unique key) and records nothing. A recorder that keeps no keys ignores the claim.
     */
    default void record(AuditEntry entry, Decision decision, HandoffContract contract, String submittedBy,
                        IdempotencyClaim claim) {
        record(entry, decision, contract, submittedBy);
    }

    /** Records nothing: for benchmarks measuring the cost of recording, never for serving. */
    static DecisionRecorder none() {
        return (entry, decision, contract, submittedBy) -> { };
    }
}
