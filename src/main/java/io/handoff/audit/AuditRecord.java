package io.handoff.audit;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import tools.jackson.databind.JsonNode;

/** One stored record of the log: its chain position, the indexed fields, the evidence body and its hashes. */
@JsonPropertyOrder({"seq", "decisionId", "kind", "contractId", "domain", "handoffType", "outcome", "posture",
        "rulesetVersion", "inputHash", "recordedAt", "prevHash", "hash", "record"})
public record AuditRecord(long seq, String decisionId, String kind, String contractId, String domain,
                          String handoffType, String outcome, String posture, String rulesetVersion, String inputHash,
                          Instant recordedAt, JsonNode record, String prevHash, String hash) {
}
