package io.handoff.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The result of walking the chain: intact, or the first record whose hash, link or columns do not match. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerifyReport(String status, long fromSeq, long toSeq, long checked, long checkpointsCrossed,
                           FirstBad firstBad, long elapsedMillis) {
    public static final String INTACT = "intact";
    public static final String BROKEN = "broken";

    public boolean intact() {
        return INTACT.equals(status);
    }

    /** Where the chain breaks: the record (seq and decision id, when the row exists) and what is wrong. */
    public record FirstBad(long seq, String decisionId, String problem) {
    }
}
