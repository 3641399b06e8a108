package io.handoff.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What is to be recorded about one decision or rejected attempt. {@code body} is the evidence (masked
 * contract, decision, violations, timings) as canonical JSON text, exactly the bytes the chain hashes; the
 * other fields are indexed copies of it for queries.
 */
public record AuditEntry(String decisionId, String kind, String contractId, String domain, String handoffType,
                         String outcome, String posture, String rulesetVersion, String inputHash, Instant recordedAt,
                         String body, List<String> ruleIds, List<String> gateIds) {
    public static final String DECISION = "decision";
    public static final String REJECTION = "rejection";
    /** Steps after a decision: each is its own record, linked to the decision by contract id and body. */
    public static final String APPROVAL = "approval";
    public static final String ATTEMPT = "attempt";
    public static final String INCIDENT = "incident";
    public static final String OUTCOME = "outcome";
    /** A ruleset lifecycle event (submitted, passed, promoted, rolled back, shadow, canary), written with the change. */
    public static final String RULESET = "ruleset";
    /**
     * A valid contract the service made no decision for (e.g. its evaluation passed the time limit): the fault's code
     * as outcome, the evaluating ruleset version, the masked contract. Counted against the version like a failure.
     */
    public static final String FAULT = "fault";
    /** An API key created or revoked, written in the same transaction as the key change. */
    public static final String KEY_EVENT = "key-event";

    public AuditEntry {
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(body, "body");
        ruleIds = List.copyOf(ruleIds);
        gateIds = List.copyOf(gateIds);
    }
}
