package io.handoff.decision;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.handoff.contract.Violation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The evidence kept for one decision or rejected attempt, serialized in one pass in a fixed property order
 * (contract keys sorted): the canonical text the audit chain hashes.
 */
@JsonPropertyOrder({"decisionId", "kind", "contractId", "domain", "handoffType", "outcome", "posture", "rulesetVersion",
        "inputHash", "recordedAt", "contract", "maskedPointers", "decision", "violations", "timings"})
record AuditBody(String decisionId, String kind, String contractId, String domain, String handoffType, String outcome,
                 String posture, String rulesetVersion, String inputHash, Instant recordedAt, JsonNode contract,
                 List<String> maskedPointers, Decision decision, List<Violation> violations, Timings timings) {

    private static final JsonMapper CANONICAL = JsonMapper.builder().enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();

    record Timings(long validateMicros, long evaluateMicros) {
    }

    String toJson() {
        return CANONICAL.writeValueAsString(this);
    }
}
