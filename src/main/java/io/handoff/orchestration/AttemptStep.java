package io.handoff.orchestration;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.handoff.audit.AuditEntry;

/**
 * Attempts to carry an accepted handoff out: delivered, or failed and retried with backoff until the decision's
 * retry policy is exhausted, which escalates (posture critical) and opens an incident for oversight.
 */
final class AttemptStep {
    private final Steps steps;
    private final HandoffStore store;

    AttemptStep(Steps steps) {
        this.steps = steps;
        this.store = steps.store;
    }

    /** See {@link Orchestrator#recordAttempt}. */
    Records.StepResult recordAttempt(AttemptCommand command) {
        String contractId = command.contractId();
        String attemptId = command.attemptId();
        String result = command.result();
        Instant at = command.at();
        String caller = command.caller();
        return steps.step(() -> {
            if (attemptId != null) {
                Optional<Records.Attempt> seen = store.attempt(attemptId);
                if (seen.isPresent()) {
                    if (!seen.get().contractId().equals(contractId) || !seen.get().result().equals(result)) {
                        throw OrchestrationException.conflict("attempt-id-reused", "attemptId " + attemptId + " was already used for another attempt");
                    }
                    HandoffState h = store.handoff(contractId).orElseThrow();
                    return new Records.StepResult(null, seen.get(), h, null, null, h.nextAttemptAt(),
                            Math.max(0, h.maxAttempts() - h.failures()), true);
                }
            }
            HandoffState h = store.handoff(contractId)
                    .orElseThrow(() -> OrchestrationException.notFound("unknown-handoff", "no decision for contract " + contractId));
            if (!h.deliverable()) {
                throw OrchestrationException.conflict("not-deliverable", "handoff " + contractId + " is " + h.status()
                        + "; attempts are recorded only when it is accepted (every gate approved) or retrying");
            }
            Instant recordedAt = steps.now();
            if (h.nextAttemptAt() != null && recordedAt.isBefore(h.nextAttemptAt())) {
                throw new TooEarlyException(contractId, h.nextAttemptAt(), recordedAt);
            }
            int number = Math.max(h.attempts(), store.lastAttemptNo(contractId)) + 1;
            Records.Attempt attempt = new Records.Attempt(attemptId == null ? UUID.randomUUID().toString() : attemptId,
                    contractId, h.decisionId(), number, result, command.detail(), at, recordedAt);
            store.insertAttempt(attempt);
            HandoffState after;
            String cause = null;
            String incidentId = null;
            if (command.delivered()) {
                after = h.withAttempts(number, h.failures(), null).with(HandoffState.DELIVERED, h.posture(), recordedAt);
                cause = "delivered on attempt " + number;
            } else {
                int failures = h.failures() + 1;
                if (failures >= h.maxAttempts()) {
                    after = h.withAttempts(number, failures, null).with(HandoffState.ESCALATED, "critical", recordedAt);
                    cause = failures + " failed attempts exhausted the retry policy (" + h.maxAttempts()
                            + " attempts): reliability guardrail escalates to oversight";
                    incidentId = openIncident(after, "retries-exhausted", recordedAt);
                } else {
                    Instant next = at.plusSeconds((long) h.backoffSeconds() << Math.min(failures - 1, 20));
                    after = h.withAttempts(number, failures, next).with(HandoffState.RETRYING, h.posture(), recordedAt);
                    if (!HandoffState.RETRYING.equals(h.status())) {
                        cause = "attempt " + number + " failed (" + result + "); retrying";
                    }
                }
            }
            Map<String, Object> body = Steps.body(AuditEntry.ATTEMPT, h, Actor.of(caller), recordedAt);
            body.put("attempt", attempt);
            body.put("failures", after.failures());
            body.put("maxAttempts", after.maxAttempts());
            if (incidentId != null) {
                body.put("incidentId", incidentId);
            }
            return steps.commit(AuditEntry.ATTEMPT, result, h, after, cause, recordedAt, body, List.of(), attempt, incidentId,
                    after.nextAttemptAt(), Math.max(0, after.maxAttempts() - after.failures()));
        });
    }

    private String openIncident(HandoffState state, String reason, Instant at) {
        String id = Orchestrator.derivedId(state.decisionId(), "incident", reason);
        Records.Incident incident = new Records.Incident(id, state.contractId(), state.decisionId(), reason, IncidentStatus.OPEN.wire(), state.posture(), at,
                null, null, null, null, null, null, null);
        store.insertIncident(incident, IncidentStep.snapshot(reason, at, state.decisionId()));
        steps.notices.incident(io.handoff.notify.NoticeKind.INCIDENT_OPENED, incident, state, at, null);
        steps.meters.incidentOpened(reason);
        return id;
    }
}
