package io.handoff.audit;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import tools.jackson.databind.JsonNode;

/**
 * One stored record of the log: its chain position, the indexed fields, the evidence body and its hashes.
 * {@code format} says what its hash covers (docs/audit.md): 1, the body; 2, the body and every searchable column
 * including {@code firedRules} and {@code gates} (the fired rule ids in firing order and the required gate ids); 3, as 2
 * with the body as stored packed ({@link PackedBody}). {@code packed} is that stored body, base64 in JSON: only an
 * export carries it (the offline verifier hashes it and requires it to inflate to {@code record}), null elsewhere.
 */
@JsonPropertyOrder({"seq", "format", "decisionId", "kind", "contractId", "domain", "handoffType", "outcome", "posture",
        "rulesetVersion", "inputHash", "recordedAt", "firedRules", "gates", "prevHash", "hash", "record", "packed"})
public record AuditRecord(long seq, String decisionId, String kind, String contractId, String domain,
                          String handoffType, String outcome, String posture, String rulesetVersion, String inputHash,
                          Instant recordedAt, JsonNode record, String prevHash, String hash, int format,
                          List<String> firedRules, List<String> gates, @JsonInclude(JsonInclude.Include.NON_NULL) byte[] packed) {
    public AuditRecord {
        firedRules = List.copyOf(firedRules);
        gates = List.copyOf(gates);
    }

    /** A record without its packed body (everything but an export). */
    public AuditRecord(long seq, String decisionId, String kind, String contractId, String domain, String handoffType,
                       String outcome, String posture, String rulesetVersion, String inputHash, Instant recordedAt,
                       JsonNode record, String prevHash, String hash, int format, List<String> firedRules, List<String> gates) {
        this(seq, decisionId, kind, contractId, domain, handoffType, outcome, posture, rulesetVersion, inputHash, recordedAt,
                record, prevHash, hash, format, firedRules, gates, null);
    }
}
