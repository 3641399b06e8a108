package io.handoff.decision;

import java.time.Duration;

/**
 * An evaluation that did not finish within {@code handoff.decisions.evaluation-timeout} (or found no evaluation thread
 * free): the request ends without a decision. On the decision path it is recorded as a fault under {@code faultId}.
 */
public class EvaluationTimeoutException extends RuntimeException {
    public static final String CODE = "evaluation-timeout";
    private final String faultId;
    private final Duration limit;

    public EvaluationTimeoutException(String faultId, Duration limit, String message) {
        super(message);
        this.faultId = faultId;
        this.limit = limit;
    }

    public String faultId() {
        return faultId;
    }

    public Duration limit() {
        return limit;
    }

    /** Seconds a caller should wait before trying again: the limit, at least one second. */
    public long retryAfterSeconds() {
        return Math.max(1, (limit.toMillis() + 999) / 1000);
    }
}
