package io.handoff.orchestration;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.transaction.support.TransactionTemplate;

import io.handoff.audit.AuditEntry;
import io.handoff.audit.AuditLog;

/**
 * The machinery every later step shares: it takes the audit chain's head lock first, changes state, and appends its
 * own audit record in the same transaction, so log and state never disagree and every writer on every instance is
 * ordered by that one lock. A refused step is recorded (behind the lock, in a transaction of its own), then refused.
 */
final class Steps {
    final HandoffStore store;
    final AuditLog auditLog;
    final Notices notices;
    final StepMeters meters;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Steps(HandoffStore store, TransactionTemplate transactions, AuditLog auditLog, Clock clock, Notices notices,
          StepMeters meters) {
        this.store = store;
        this.meters = meters;
        this.notices = notices;
        this.transactions = transactions;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Runs a step in one transaction behind the chain-head lock; a refused step is recorded, then refused. */
    Records.StepResult step(Supplier<Records.StepResult> work) {
        try {
            return transactions.execute(status -> {
                auditLog.lockHead();
                return work.get();
            });
        } catch (OrchestrationException e) {
            if (e.refusal() != null) {
                transactions.executeWithoutResult(status -> {
                    auditLog.lockHead();
                    auditLog.appendNow(e.refusal());
                });
            }
            throw e;
        }
    }

    Records.StepResult commit(String kind, String outcome, HandoffState before, HandoffState after, String cause,
                              Instant at, Map<String, Object> body, List<String> gates, Object step,
                              String incidentId, Instant nextAttempt, Integer attemptsLeft) {
        String recordId = UUID.randomUUID().toString();
        Records.Transition transition = null;
        if (cause != null) {
            transition = new Records.Transition(before.decisionId(), recordId, before.status(), after.status(),
                    before.posture(), after.posture(), cause, at);
            store.insertTransition(before.contractId(), transition);
            body.put("transition", transition);
        }
        store.saveHandoff(after);
        body.put("recordId", recordId);
        body.put("outcome", outcome);
        body.put("status", after.status());
        body.put("posture", after.posture());
        auditLog.appendNow(new AuditEntry(recordId, kind, before.contractId(), before.domain(), before.handoffType(), outcome,
                after.posture(), before.rulesetVersion(), null, at, Orchestrator.JSON.writeValueAsString(body), List.of(), gates));
        meters.committed(kind, outcome, step);
        return new Records.StepResult(recordId, step, after, transition, incidentId, nextAttempt, attemptsLeft, null);
    }

    /** A step's record body; {@code actor} is the authenticated principal, {@code onBehalfOf} whom a delegate acted for. */
    static Map<String, Object> body(String kind, HandoffState h, Actor actor, Instant at) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", kind);
        body.put("contractId", h.contractId());
        body.put("decisionId", h.decisionId());
        body.put("recordedAt", at.toString());
        body.put("actor", actor.principal());
        if (actor.onBehalfOf() != null) {
            body.put("onBehalfOf", actor.onBehalfOf());
        }
        return body;
    }

    /** The record of a refused step, appended by {@link #step} after the step's transaction rolled back. */
    static AuditEntry entry(String kind, String outcome, HandoffState h, String posture, Instant at,
                            Map<String, Object> body, List<String> gates) {
        String recordId = UUID.randomUUID().toString();
        body.put("recordId", recordId);
        body.put("outcome", outcome);
        body.put("posture", posture);
        return new AuditEntry(recordId, kind, h.contractId(), h.domain(), h.handoffType(), outcome, posture,
                h.rulesetVersion(), null, at, Orchestrator.JSON.writeValueAsString(body), List.of(), gates);
    }
}
