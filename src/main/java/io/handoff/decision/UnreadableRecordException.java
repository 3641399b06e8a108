package io.handoff.decision;

/**
 * A recorded decision whose stored evidence no longer reads (its body was rewritten in the database into bytes that
 * do not inflate or parse): it cannot be replayed, and verify names the record. 409 {@code record-unreadable}.
 */
public class UnreadableRecordException extends RuntimeException {
    public static final String CODE = "record-unreadable";

    public UnreadableRecordException(String decisionId, String why) {
        super("the recorded evidence of " + decisionId + " cannot be read (" + why + "): it cannot be replayed;"
                + " GET /api/v1/audit/verify names the record");
    }
}
