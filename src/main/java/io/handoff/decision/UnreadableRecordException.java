package io.handoff.decision;

import io.handoff.audit.AuditRecord;
import tools.jackson.databind.JsonNode;

/**
 * A recorded decision whose stored evidence no longer reads (its body was rewritten in the database into bytes that
 * do not inflate or parse): it cannot be replayed, and verify names the record. 409 {@code record-unreadable}.
 */
public class UnreadableRecordException extends RuntimeException {
    public static final String CODE = "record-unreadable";

    /**
     * The contract a decision or rejection record holds, for the steps that decide again from it (replay, recovery);
     * this refusal when its body does not read (the store shows it as {@code {"unreadable": why}}) or holds none.
     */
    public static JsonNode contractOf(AuditRecord record) {
        JsonNode body = record.record();
        JsonNode contract = body == null ? null : body.get("contract");
        if (contract == null || !contract.isObject()) {
            throw new UnreadableRecordException(record.decisionId(),
                    body == null ? "no body" : body.path("unreadable").asString("no contract in it"));
        }
        return contract;
    }

    public UnreadableRecordException(String decisionId, String why) {
        super("the recorded evidence of " + decisionId + " cannot be read (" + why + "): it cannot be replayed;"
                + " GET /api/v1/audit/verify names the record");
    }
}
