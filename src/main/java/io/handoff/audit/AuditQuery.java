package io.handoff.audit;

import java.time.Instant;

/**
 * Filters for the log; null means "any". {@code from} is inclusive, {@code to} exclusive. {@code beforeSeq}
 * is the paging cursor: only records older than it (newest first). {@code kind}: null means decisions and
 * rejected attempts (what the decision queries show), {@link #ALL_KINDS} every record (approvals, attempts,
 * incidents, outcomes too), anything else that one kind.
 */
public record AuditQuery(String contractId, String domain, String outcome, String posture, String rulesetVersion,
                         String ruleId, String gateId, Instant from, Instant to, Long beforeSeq, String kind) {
    public static final String ALL_KINDS = "all";

    public AuditQuery(String contractId, String domain, String outcome, String posture, String rulesetVersion,
                      String ruleId, String gateId, Instant from, Instant to, Long beforeSeq) {
        this(contractId, domain, outcome, posture, rulesetVersion, ruleId, gateId, from, to, beforeSeq, null);
    }

    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null, null, null, null, null, null);
    }

    public AuditQuery before(long seq) {
        return new AuditQuery(contractId, domain, outcome, posture, rulesetVersion, ruleId, gateId, from, to, seq, kind);
    }

    public AuditQuery ofKind(String recordKind) {
        return new AuditQuery(contractId, domain, outcome, posture, rulesetVersion, ruleId, gateId, from, to, beforeSeq,
                recordKind);
    }
}
