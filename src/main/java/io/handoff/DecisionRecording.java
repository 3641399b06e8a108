package io.handoff;

import java.util.List;
import java.util.Objects;

import io.handoff.api.EvaluationSlot;
import io.handoff.audit.Alongside;
import io.handoff.audit.AuditEntry;
import io.handoff.audit.AuditLog;
import io.handoff.contract.HandoffContract;
import io.handoff.decision.Decision;
import io.handoff.decision.DecisionRecorder;
import io.handoff.decision.IdempotencyClaim;
import io.handoff.decision.IdempotencyKeys;
import io.handoff.orchestration.Orchestrator;

/**
 * Records a decision with everything that must commit with it, in one group commit: the audit record, the idempotency
 * key it claims, and what it opens (handoff state, approvals, an incident). With recording switched off (benchmarks
 * only) the same state is written without a record. While it waits for that commit, its request gives its evaluation
 * slot to the next decision.
 */
final class DecisionRecording implements DecisionRecorder {
    private final AuditLog auditLog;
    private final Alongside openings;
    private final IdempotencyKeys keys;
    private final boolean recording;
    private final Alongside alongside = this::writeAll;

    /** {@code openings} null: decisions open nothing (benchmarks only). */
    DecisionRecording(AuditLog auditLog, Alongside openings, IdempotencyKeys keys, boolean recording) {
        this.auditLog = auditLog;
        this.openings = openings;
        this.keys = keys;
        this.recording = recording;
    }

    /** One record's state: what it opens and the key it claims, either may be absent. */
    private record Payload(Orchestrator.Opening opening, IdempotencyClaim claim) {
    }

    @Override
    public void record(AuditEntry entry, Decision decision, HandoffContract contract, String submittedBy) {
        record(entry, decision, contract, submittedBy, null);
    }

    @Override
    public void record(AuditEntry entry, Decision decision, HandoffContract contract, String submittedBy,
                       IdempotencyClaim claim) {
        Orchestrator.Opening opening = decision == null || openings == null ? null
                : new Orchestrator.Opening(decision, contract, decision.enforced(), true, submittedBy);
        Payload payload = opening == null && claim == null ? null : new Payload(opening, claim);
        if (recording) {
            auditLog.append(entry, payload == null ? null : alongside, payload, EvaluationSlot::release);
        } else if (payload != null) {
            auditLog.applyWithoutRecord(alongside, payload, EvaluationSlot::release);
        }
    }

    /** Keys first: a retry that lost the race for its key fails on the key, and is answered with the first decision. */
    private void writeAll(List<Object> payloads) {
        List<Payload> batch = payloads.stream().map(Payload.class::cast).toList();
        keys.insertAll(batch.stream().map(Payload::claim).filter(Objects::nonNull).toList());
        List<Object> opened = batch.stream().map(Payload::opening).filter(Objects::nonNull).map(Object.class::cast).toList();
        if (!opened.isEmpty()) {
            openings.writeAll(opened);
        }
    }
}
