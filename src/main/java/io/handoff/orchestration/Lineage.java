package io.handoff.orchestration;

import java.util.Optional;

import io.handoff.audit.AuditLog;
import io.handoff.audit.AuditRecord;
import io.handoff.decision.HandoffLineage;
import tools.jackson.databind.JsonNode;

/** Where a contract's handoff stands, for the decision path: its state here, its current decision's input from the log. */
public final class Lineage implements HandoffLineage {
    private final Orchestrator orchestrator;
    private final AuditLog auditLog;

    public Lineage(Orchestrator orchestrator, AuditLog auditLog) {
        this.orchestrator = orchestrator;
        this.auditLog = auditLog;
    }

    @Override
    public Optional<Current> current(String contractId) {
        return orchestrator.handoff(contractId).map(h -> {
            Optional<AuditRecord> record = auditLog.find(h.decisionId());
            return new Current(h.decisionId(), record.map(AuditRecord::inputHash).orElse(null),
                    record.map(AuditRecord::rulesetVersion).orElse(null), h.status(), h.closed());
        });
    }

    @Override
    public Optional<String> decisionJson(String decisionId) {
        return auditLog.find(decisionId).map(r -> r.record() == null ? null : r.record().get("decision"))
                .filter(d -> d != null && d.isObject()).map(JsonNode::toString);
    }
}
