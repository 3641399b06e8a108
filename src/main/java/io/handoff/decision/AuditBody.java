package io.handoff.decision;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;

import io.handoff.contract.Violation;
import tools.jackson.databind.JsonNode;

/**
 * The evidence kept for one decision or rejected attempt, serialized in one pass in a fixed property order
 * (contract keys sorted): the canonical text the audit chain hashes. The decision is embedded as the exact
 * JSON text the caller received. {@code submittedBy} is the principal that submitted the contract; {@code supersedes}
 * names the decision a revision replaces (absent for a first one). {@code traceId} is the W3C trace id the request ran
 * under (absent outside a trace): inside the hashed body, so it is covered by the chain and its signed checkpoints like
 * the rest of the evidence, and a record cannot be re-pointed at another trace afterwards. It says which trace the
 * caller's request belonged to, nothing about who the caller is; the decision the caller received does not carry it.
 */
@JsonPropertyOrder({"decisionId", "kind", "contractId", "domain", "handoffType", "outcome", "posture", "rulesetVersion",
        "inputHash", "supersedes", "recordedAt", "submittedBy", "traceId", "contract", "maskedPointers", "decision", "violations", "violationsOmitted",
        "timings"})
record AuditBody(String decisionId, String kind, String contractId, String domain, String handoffType, String outcome,
                 String posture, String rulesetVersion, String inputHash,
                 @JsonInclude(JsonInclude.Include.NON_NULL) String supersedes, Instant recordedAt, String submittedBy,
                 @JsonInclude(JsonInclude.Include.NON_NULL) String traceId, JsonNode contract,
                 List<String> maskedPointers, @JsonRawValue String decision, List<Violation> violations,
                 @JsonInclude(JsonInclude.Include.NON_NULL) Integer violationsOmitted, Timings timings) {

    record Timings(long validateMicros, long evaluateMicros) {
    }

    String toJson() {
        return DecisionJson.MAPPER.writeValueAsString(this);
    }
}
