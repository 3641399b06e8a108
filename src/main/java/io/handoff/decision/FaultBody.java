package io.handoff.decision;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import tools.jackson.databind.JsonNode;

/**
 * The evidence of a fault: a valid contract for which the service gave no decision (its evaluation passed the time
 * limit, or a hard preflight check refused the decision it made). It names the fault ({@code outcome} is the fault's
 * code), the ruleset version that was evaluating and the masked contract, so the run can be looked into; there is no
 * recorded decision, so nothing can be replayed or acted on. A preflight refusal keeps the posture the refused decision
 * had and names the failed check.
 * {@code traceId}: the request's W3C trace id, as in {@link AuditBody} (absent outside a trace).
 */
@JsonPropertyOrder({"decisionId", "kind", "contractId", "domain", "handoffType", "outcome", "posture", "rulesetVersion",
        "inputHash", "recordedAt", "submittedBy", "traceId", "contract", "maskedPointers", "fault"})
record FaultBody(String decisionId, String kind, String contractId, String domain, String handoffType, String outcome,
                 String posture, String rulesetVersion, String inputHash, Instant recordedAt, String submittedBy,
                 @JsonInclude(JsonInclude.Include.NON_NULL) String traceId, JsonNode contract, List<String> maskedPointers, Fault fault) {

    /** What went wrong, in words: the time limit that applied (a timeout) or the check that failed (a preflight refusal). */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record Fault(String code, String message, Long limitMillis, String check) {
    }

    String toJson() {
        return DecisionJson.MAPPER.writeValueAsString(this);
    }
}
