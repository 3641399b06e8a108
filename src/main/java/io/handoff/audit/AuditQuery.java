package io.handoff.audit;

import java.time.Instant;

/**
 * Filters for the log; null means "any". {@code from} is inclusive, {@code to} exclusive. {@code beforeSeq}
 * is the paging cursor: only records older than it (newest first).
 */
public record AuditQuery(String contractId, String domain, String outcome, String posture, String rulesetVersion,
                         String ruleId, String gateId, Instant from, Instant to, Long beforeSeq) {
    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null, null, null, null, null, null);
    }

    public AuditQuery before(long seq) {
        return new AuditQuery(contractId, domain, outcome, posture, rulesetVersion, ruleId, gateId, from, to, seq);
    }
}
