package io.handoff.orchestration;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.handoff.audit.AuditEntry;
import io.handoff.audit.AuditLog;
import io.handoff.audit.AuditQuery;
import io.handoff.audit.AuditRecord;
import tools.jackson.databind.JsonNode;

/** Outcomes: what happened after a handoff, joined to the decision in force when it happened. */
final class OutcomeStep {
    private final Steps steps;
    private final HandoffStore store;
    private final AuditLog auditLog;

    OutcomeStep(Steps steps) {
        this.steps = steps;
        this.store = steps.store;
        this.auditLog = steps.auditLog;
    }

    /**
     * Records what happened after a handoff, joined to the decision in force when it happened. The same report
     * twice (contract, kind, occurredAt) is answered with the first, marked duplicate, and recorded once; the same key
     * with other details is a 409 {@code outcome-conflict} (it was answered "duplicate" and the new details dropped).
     */
    Records.StepResult reportOutcome(OutcomeCommand command) {
        String contractId = command.contractId();
        String kind = command.kind();
        Instant occurred = command.occurredAt();
        String caller = command.caller();
        OutcomeDetails details = command.report();
        return steps.step(() -> {
            HandoffState h = store.handoff(contractId)
                    .orElseThrow(() -> OrchestrationException.notFound("unknown-handoff", "no decision for contract " + contractId));
            Optional<Records.OutcomeReport> seen = store.outcome(contractId, kind, occurred);
            if (seen.isPresent()) {
                if (!sameDetails(seen.get(), details)) {
                    throw OrchestrationException.conflict("outcome-conflict", "a " + kind + " report of " + contractId + " at "
                            + occurred + " is already recorded with other details; a correction is a new report at its own time");
                }
                return new Records.StepResult(null, seen.get(), h, null, null, null, null, true);
            }
            String decisionId = decisionInForce(h, occurred);
            Boolean met = command.checkAgainst(h.domain(), OutcomeKinds.SUCCESS_METRIC_REPORTED.equals(kind)
                    ? auditLog.find(decisionId).map(r -> r.record().path("contract")).filter(JsonNode::isObject).orElse(null) : null);
            Instant at = steps.now();
            Records.OutcomeReport report = new Records.OutcomeReport(UUID.randomUUID().toString(), contractId, decisionId, kind,
                    occurred, details.note(), caller, at, details.reasonCode(), details.slipDays(), details.metric(),
                    details.value(), met);
            store.insertOutcome(report);
            Map<String, Object> body = Steps.body(AuditEntry.OUTCOME, h, Actor.of(caller), at);
            body.put("report", report);
            return steps.commit(AuditEntry.OUTCOME, kind, h, h, null, at, body, List.of(), report, null, null, null);
        });
    }

    /** The latest decision of the contract recorded at or before the instant; the current one if none is older. */
    private String decisionInForce(HandoffState h, Instant occurredAt) {
        if (!h.decidedAt().isAfter(occurredAt)) {
            return h.decisionId();
        }
        return auditLog.summaries(new AuditQuery(h.contractId(), null, null, null, null, null, null, null, occurredAt.plusMillis(1),
                        null).ofKind(AuditEntry.DECISION), 1).stream()
                .map(AuditRecord::decisionId).findFirst().orElse(h.decisionId());
    }

    /** A report sent again: the same when every detail it carries is the same (the note included). */
    private static boolean sameDetails(Records.OutcomeReport recorded, OutcomeDetails sent) {
        return java.util.Objects.equals(recorded.note(), sent.note())
                && java.util.Objects.equals(recorded.reasonCode(), sent.reasonCode())
                && java.util.Objects.equals(recorded.slipDays(), sent.slipDays())
                && java.util.Objects.equals(recorded.metric(), sent.metric())
                && java.util.Objects.equals(recorded.value(), sent.value());
    }
}
