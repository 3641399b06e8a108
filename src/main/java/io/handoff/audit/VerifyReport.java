package io.handoff.audit;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The result of walking the chain: intact, or the first record whose hash, link or columns do not match, or that
 * no longer reaches a signed checkpoint. {@code signedCheckpoints}: how many signed checkpoints the walk reached
 * with a matching hash; {@code problems}: every problem found (the walk stops at its first), ordered by seq.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerifyReport(String status, long fromSeq, long toSeq, long checked, long checkpointsCrossed,
                           Problem firstBad, long elapsedMillis, long signedCheckpoints, List<Problem> problems) {
    public static final String INTACT = "intact";
    public static final String BROKEN = "broken";

    public VerifyReport {
        problems = List.copyOf(problems);
    }

    public boolean intact() {
        return INTACT.equals(status);
    }

    /**
     * What is wrong where: the record (seq, and decision id when the row exists), a stable {@code code} (see
     * docs/audit.md) and a sentence.
     */
    public record Problem(long seq, String decisionId, String code, String problem) {
        public static final String LINK = "link-broken";
        public static final String HASH = "hash-mismatch";
        public static final String COLUMNS = "columns-differ";
        public static final String MISSING = "records-missing";
        public static final String HEAD = "head-mismatch";
        public static final String RE_CHAINED = "re-chained";
        public static final String SIGNATURE = "checkpoint-signature-invalid";
        public static final String UNKNOWN_KEY = "checkpoint-key-unknown";
        public static final String BEYOND = "checkpoint-beyond-chain";
        public static final String SINK = "checkpoint-sink-unreadable";
        public static final String NOT_JSON = "not-json";
        /** Offline, format 3: the hash matches the packed body, but the line's record is not what it inflates to (or it does not inflate). */
        public static final String RECORD_DIFFERS = "record-differs";
    }
}
