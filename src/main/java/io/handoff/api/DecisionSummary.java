package io.handoff.api;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.handoff.audit.AuditRecord;

/** One line of a decision listing or CSV export: the indexed fields of a record and its chain hash. */
@JsonPropertyOrder({"seq", "decisionId", "kind", "contractId", "domain", "handoffType", "outcome", "posture",
        "rulesetVersion", "inputHash", "recordedAt", "hash"})
record DecisionSummary(long seq, String decisionId, String kind, String contractId, String domain, String handoffType,
                       String outcome, String posture, String rulesetVersion, String inputHash, Instant recordedAt,
                       String hash) {
    static DecisionSummary of(AuditRecord r) {
        return new DecisionSummary(r.seq(), r.decisionId(), r.kind(), r.contractId(), r.domain(), r.handoffType(),
                r.outcome(), r.posture(), r.rulesetVersion(), r.inputHash(), r.recordedAt(), r.hash());
    }
}
