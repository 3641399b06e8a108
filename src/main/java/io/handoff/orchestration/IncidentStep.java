package io.handoff.orchestration;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.handoff.audit.AuditEntry;
import io.handoff.audit.AuditLog;
import io.handoff.audit.AuditRecord;
import io.handoff.notify.NoticeKind;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Incidents: opened with an escalating or critical decision, or when retries are exhausted; oversight
 * acknowledges and resolves them, and reads the packet composed from the audit log and the current state.
 */
final class IncidentStep {
    private final Steps steps;
    private final HandoffStore store;
    private final AuditLog auditLog;

    IncidentStep(Steps steps) {
        this.steps = steps;
        this.store = steps.store;
        this.auditLog = steps.auditLog;
    }

    List<Records.Incident> incidents(String status, String contractId, int limit) {
        return store.incidents(status, contractId, limit);
    }

    Optional<Records.Incident> incident(String id) {
        return store.incident(id);
    }

    /** Acknowledges or resolves one incident, as the command's target says. */
    Records.StepResult incidentStep(IncidentCommand command) {
        String incidentId = command.incidentId();
        String why = command.why();
        Actor actor = command.actor();
        boolean resolve = command.resolves();
        return steps.step(() -> {
            Records.Incident incident = store.incident(incidentId)
                    .orElseThrow(() -> OrchestrationException.notFound("unknown-incident", "no incident " + incidentId));
            HandoffState h = store.handoff(incident.contractId()).orElseThrow();
            Instant at = steps.now();
            boolean changed = resolve ? store.resolve(incidentId, actor, why, at) : store.acknowledge(incidentId, actor, at);
            if (!changed) {
                throw OrchestrationException.conflict("incident-" + incident.status(), "incident " + incidentId + " is already "
                        + incident.status());
            }
            HandoffState after = h;
            String cause = null;
            if (resolve && h.decisionId().equals(incident.decisionId())) {
                after = h.with(HandoffState.RESOLVED, h.posture(), at);
                cause = "incident " + incident.reason() + " resolved by " + actor.describe() + ": " + why;
            }
            Records.Incident now = store.incident(incidentId).orElseThrow();
            steps.notices.incident(resolve ? NoticeKind.INCIDENT_RESOLVED : NoticeKind.INCIDENT_ACKNOWLEDGED, now, h, at, why);
            Map<String, Object> body = Steps.body(AuditEntry.INCIDENT, h, actor, at);
            body.put("incident", now);
            return steps.commit(AuditEntry.INCIDENT, command.target().wire(), h, after, cause, at, body, List.of(),
                    now, incidentId, null, null);
        });
    }

    /**
     * The packet oversight gets: the masked contract, violations, the fired rules with file/sheet/row, the
     * ruleset version, failed gates and the retry history, as they stand now.
     */
    Optional<ObjectNode> packet(String incidentId) {
        return store.incident(incidentId).map(incident -> {
            ObjectNode packet = Orchestrator.JSON.createObjectNode();
            packet.putPOJO("incident", incident);
            Optional<AuditRecord> record = auditLog.find(incident.decisionId());
            JsonNode body = record.map(AuditRecord::record).orElse(null);
            JsonNode decision = body == null ? null : body.get("decision");
            packet.put("contractId", incident.contractId());
            packet.put("decisionId", incident.decisionId());
            packet.put("rulesetVersion", record.map(AuditRecord::rulesetVersion).orElse(null));
            packet.put("auditSeq", record.map(AuditRecord::seq).orElse(null));
            packet.put("auditHash", record.map(AuditRecord::hash).orElse(null));
            packet.set("traceId", body == null ? null : body.get("traceId")); // the deciding request's trace, for its logs
            if (decision != null) {
                packet.put("outcome", decision.path("outcome").asString());
                // the posture when the incident opened (a retry escalation is critical); the decision's own beside it
                packet.put("posture", incident.posture() != null ? incident.posture() : decision.path("posture").asString());
                packet.put("decisionPosture", decision.path("posture").asString());
                packet.put("score", decision.path("score").asInt());
                ObjectNode violations = packet.putObject("violations");
                violations.set("guardrails", decision.get("guardrails"));
                violations.set("remediation", decision.get("remediation"));
                var trace = packet.putArray("trace");
                for (JsonNode fired : decision.path("trace")) {
                    ObjectNode ref = trace.addObject();
                    ref.put("decisionId", incident.decisionId());
                    ref.put("seq", fired.path("seq").asInt());
                    ref.put("ruleId", fired.path("ruleId").asString());
                    ref.set("source", fired.get("source"));
                    ref.set("did", fired.get("did"));
                }
            }
            packet.set("contract", body == null ? null : body.get("contract"));
            packet.set("maskedPointers", body == null ? null : body.get("maskedPointers"));
            packet.putPOJO("failedGates", store.approvalsOf(incident.decisionId()).stream()
                    .filter(a -> !ApprovalStatus.APPROVED.is(a.status())).toList());
            packet.putPOJO("retryHistory", store.attemptsOf(incident.contractId()));
            return packet;
        });
    }

    /**
     * Why and when the incident opened, and on which decision; the packet itself is composed when read, from the
     * audit log (the decision, its trace) and the current state (gates, attempts), so nothing is stored twice.
     */
    static String snapshot(String reason, Instant at, String decisionId) {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("reason", reason);
        snapshot.put("openedAt", at.toString());
        snapshot.put("decisionId", decisionId);
        return Orchestrator.JSON.writeValueAsString(snapshot);
    }
}
