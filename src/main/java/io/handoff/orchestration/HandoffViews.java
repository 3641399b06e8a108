package io.handoff.orchestration;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.handoff.audit.AuditEntry;
import io.handoff.audit.AuditLog;
import io.handoff.audit.AuditQuery;
import io.handoff.audit.AuditRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Read-only views of one handoff: its state, its timeline, its outcome report. */
final class HandoffViews {
    private final HandoffStore store;
    private final AuditLog auditLog;

    HandoffViews(HandoffStore store, AuditLog auditLog) {
        this.store = store;
        this.auditLog = auditLog;
    }

    Optional<HandoffState> handoff(String contractId) {
        return store.handoff(contractId);
    }

    Optional<Records.Timeline> timeline(String contractId) {
        return store.handoff(contractId).map(h -> new Records.Timeline(h, timelineOf(contractId)));
    }

    /** The decisions for the contract from the log, with the transitions of its steps: see {@link PostureTimeline}. */
    private List<Records.Transition> timelineOf(String contractId) {
        List<AuditRecord> decisions = new ArrayList<>();
        auditLog.stream(new AuditQuery(contractId, null, null, null, null, null, null, null, null, null)
                .ofKind(AuditEntry.DECISION), decisions::add);
        return PostureTimeline.compose(decisions, store.timeline(contractId));
    }

    /**
     * The outcome report of one handoff: decision, approvals, attempts, incidents, outcomes and timeline in one document,
     * with the trace id the current decision's request ran under (null outside a trace).
     */
    Optional<ObjectNode> report(String contractId) {
        return store.handoff(contractId).map(h -> {
            ObjectNode report = Orchestrator.JSON.createObjectNode();
            report.putPOJO("handoff", h);
            JsonNode body = auditLog.find(h.decisionId()).map(AuditRecord::record).orElse(null);
            report.set("decision", body == null ? null : body.get("decision"));
            report.set("traceId", body == null ? null : body.get("traceId")); // the current decision's request trace
            report.putPOJO("approvals", store.approvalsOfContract(contractId));
            report.putPOJO("attempts", store.attemptsOf(contractId));
            report.putPOJO("incidents", store.incidents(null, contractId, 100));
            report.putPOJO("outcomes", store.outcomesOf(contractId));
            report.putPOJO("timeline", timelineOf(contractId));
            return report;
        });
    }
}
