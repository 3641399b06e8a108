package io.handoff.decision;

import java.time.Instant;
import java.util.List;

import io.handoff.audit.AuditEntry;
import io.handoff.audit.Masking;
import io.handoff.contract.Violation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Builds the audit entry of a decision or of a rejected attempt: masked contract, evidence, timings. */
final class AuditEntries {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AuditEntries() {
    }

    static AuditEntry ofDecision(Decision decision, JsonNode document, Masking masking, long validateNanos,
                                 long evaluateNanos) {
        ObjectNode body = header(decision.decisionId(), AuditEntry.DECISION, decision.contractId(), decision.domain(),
                decision.handoffType(), decision.outcome(), decision.posture(), decision.rulesetVersion(),
                decision.inputHash(), decision.recordedAt());
        Masking.Masked masked = masking.apply(document);
        body.set("contract", masked.document());
        body.set("maskedPointers", JSON.valueToTree(masked.maskedPointers()));
        body.set("decision", JSON.valueToTree(decision));
        body.set("timings", timings(validateNanos, evaluateNanos));
        return new AuditEntry(decision.decisionId(), AuditEntry.DECISION, decision.contractId(), decision.domain(),
                decision.handoffType(), decision.outcome(), decision.posture(), decision.rulesetVersion(),
                decision.inputHash(), decision.recordedAt(), body,
                decision.trace().stream().map(Decision.TraceEntry::ruleId).toList(),
                decision.approvals().stream().map(Decision.RequiredApproval::gateId).toList());
    }

    static AuditEntry ofRejection(String decisionId, Instant recordedAt, JsonNode document, List<Violation> violations,
                                  String rulesetVersion, Masking masking, long validateNanos) {
        String contractId = field(document, "contractId", 64);
        String domain = field(document, "domain", 32);
        String handoffType = field(document, "handoffType", 32);
        String inputHash = io.handoff.audit.CanonicalJson.sha256(document);
        ObjectNode body = header(decisionId, AuditEntry.REJECTION, contractId, domain, handoffType, "invalid-contract",
                null, rulesetVersion, inputHash, recordedAt);
        Masking.Masked masked = masking.apply(document);
        body.set("contract", masked.document());
        body.set("maskedPointers", JSON.valueToTree(masked.maskedPointers()));
        body.set("violations", JSON.valueToTree(violations));
        body.set("timings", timings(validateNanos, 0));
        return new AuditEntry(decisionId, AuditEntry.REJECTION, contractId, domain, handoffType, "invalid-contract", null,
                rulesetVersion, inputHash, recordedAt, body, List.of(), List.of());
    }

    private static ObjectNode header(String decisionId, String kind, String contractId, String domain, String handoffType,
                                     String outcome, String posture, String rulesetVersion, String inputHash,
                                     Instant recordedAt) {
        ObjectNode body = JSON.createObjectNode();
        body.put("decisionId", decisionId);
        body.put("kind", kind);
        body.put("contractId", contractId);
        body.put("domain", domain);
        body.put("handoffType", handoffType);
        body.put("outcome", outcome);
        body.put("posture", posture);
        body.put("rulesetVersion", rulesetVersion);
        body.put("inputHash", inputHash);
        body.put("recordedAt", recordedAt.toString());
        return body;
    }

    private static ObjectNode timings(long validateNanos, long evaluateNanos) {
        ObjectNode timings = JSON.createObjectNode();
        timings.put("validateMicros", validateNanos / 1000);
        timings.put("evaluateMicros", evaluateNanos / 1000);
        return timings;
    }

    /** A field of a rejected document, only when it is a string short enough to index. */
    private static String field(JsonNode document, String name, int maxLength) {
        JsonNode value = document.get(name);
        return value != null && value.isString() && value.asString().length() <= maxLength ? value.asString() : null;
    }
}
