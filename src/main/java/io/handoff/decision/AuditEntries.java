package io.handoff.decision;

import java.time.Instant;
import java.util.List;

import io.handoff.audit.AuditEntry;
import io.handoff.audit.CanonicalJson;
import io.handoff.audit.Masking;
import io.handoff.contract.Violation;
import tools.jackson.databind.JsonNode;

/** Builds the audit entry of a decision or of a rejected attempt: masked contract, evidence, timings. */
final class AuditEntries {
    /**
     * A rejection's record keeps its first this-many violations (in the validator's order, by pointer) and how many more
     * there were ({@code violationsOmitted}): a contract of one long array of wrong items has a violation per item,
     * about 50 times its own size, and every record must stay readable whole.
     */
    static final int RECORDED_VIOLATIONS = 1_000;

    private AuditEntries() {
    }

    static AuditEntry ofDecision(Decision decision, String decisionJson, JsonNode document, Masking masking,
                                 long validateNanos, long evaluateNanos, String submittedBy, String traceId) {
        Masking.Masked masked = masking.apply(document);
        String body = new AuditBody(decision.decisionId(), AuditEntry.DECISION, decision.contractId(), decision.domain(),
                decision.handoffType(), decision.outcome(), decision.posture(), decision.rulesetVersion(),
                decision.inputHash(), decision.supersedes(), decision.recordedAt(), submittedBy, traceId, masked.document(),
                masked.maskedPointers(), decisionJson, null, null,
                new AuditBody.Timings(validateNanos / 1000, evaluateNanos / 1000)).toJson();
        return new AuditEntry(decision.decisionId(), AuditEntry.DECISION, decision.contractId(), decision.domain(),
                decision.handoffType(), decision.outcome(), decision.posture(), decision.rulesetVersion(),
                decision.inputHash(), decision.recordedAt(), body,
                decision.trace().stream().map(Decision.TraceEntry::ruleId).toList(),
                decision.approvals().stream().map(Decision.RequiredApproval::gateId).distinct().toList());
    }

    static AuditEntry ofRejection(String decisionId, Instant recordedAt, JsonNode document, List<Violation> violations,
                                  String rulesetVersion, Masking masking, long validateNanos, String submittedBy, String traceId) {
        String contractId = field(document, "contractId", 64);
        String domain = field(document, "domain", 32);
        String handoffType = field(document, "handoffType", 32);
        String inputHash = CanonicalJson.sha256(document);
        Masking.Masked masked = masking.apply(document);
        boolean capped = violations.size() > RECORDED_VIOLATIONS;
        String body = new AuditBody(decisionId, AuditEntry.REJECTION, contractId, domain, handoffType, "invalid-contract",
                null, rulesetVersion, inputHash, null, recordedAt, submittedBy, traceId, masked.document(), masked.maskedPointers(), null,
                capped ? violations.subList(0, RECORDED_VIOLATIONS) : violations, capped ? violations.size() - RECORDED_VIOLATIONS : null,
                new AuditBody.Timings(validateNanos / 1000, 0)).toJson();
        return new AuditEntry(decisionId, AuditEntry.REJECTION, contractId, domain, handoffType, "invalid-contract", null,
                rulesetVersion, inputHash, recordedAt, body, List.of(), List.of());
    }

    /** A valid contract that got no decision: its evaluation timed out. No ruleset output is kept, none was made. */
    static AuditEntry ofFault(EvaluationTimeoutException fault, Instant recordedAt, io.handoff.contract.HandoffContract contract,
                              JsonNode document, String inputHash, String rulesetVersion, Masking masking, String submittedBy,
                              String traceId) {
        Masking.Masked masked = masking.apply(document);
        String body = new FaultBody(fault.faultId(), AuditEntry.FAULT, contract.contractId(), contract.domain(),
                contract.handoffType(), EvaluationTimeoutException.CODE, null, rulesetVersion, inputHash, recordedAt, submittedBy,
                traceId, masked.document(), masked.maskedPointers(), new FaultBody.Fault(EvaluationTimeoutException.CODE,
                fault.getMessage(), fault.limit().toMillis(), null)).toJson();
        return new AuditEntry(fault.faultId(), AuditEntry.FAULT, contract.contractId(), contract.domain(), contract.handoffType(),
                EvaluationTimeoutException.CODE, null, rulesetVersion, inputHash, recordedAt, body, List.of(), List.of());
    }

    /**
     * A decision a hard preflight check refused: made, never returned nor acted on. The fault keeps the refused
     * decision's id, posture and ruleset version, and names the check; the decision itself is not kept.
     */
    static AuditEntry ofPreflightRefusal(PreflightFailedException refusal, Decision decision, JsonNode document,
                                         Masking masking, String submittedBy, String traceId) {
        Masking.Masked masked = masking.apply(document);
        String body = new FaultBody(decision.decisionId(), AuditEntry.FAULT, decision.contractId(), decision.domain(),
                decision.handoffType(), PreflightFailedException.CODE, decision.posture(), decision.rulesetVersion(),
                decision.inputHash(), decision.recordedAt(), submittedBy, traceId, masked.document(), masked.maskedPointers(),
                new FaultBody.Fault(PreflightFailedException.CODE, refusal.getMessage(), null, refusal.check())).toJson();
        return new AuditEntry(decision.decisionId(), AuditEntry.FAULT, decision.contractId(), decision.domain(),
                decision.handoffType(), PreflightFailedException.CODE, decision.posture(), decision.rulesetVersion(),
                decision.inputHash(), decision.recordedAt(), body, List.of(), List.of());
    }

    /** A field of a rejected document, only when it is a string short enough to index. */
    private static String field(JsonNode document, String name, int maxLength) {
        JsonNode value = document.get(name);
        return value != null && value.isString() && value.asString().length() <= maxLength ? value.asString() : null;
    }
}
