package io.handoff.orchestration;

import java.time.Duration;
import java.time.Instant;

/** An attempt before the next allowed time of the retry policy's backoff: 409 {@code too-early} with Retry-After. */
public class TooEarlyException extends OrchestrationException {
    private final Instant notBefore;
    private final long retryAfterSeconds;

    TooEarlyException(String contractId, Instant notBefore, Instant now) {
        super(409, "too-early", "handoff " + contractId + " may be attempted again at " + notBefore + " (the retry policy's "
                + "backoff after its last failed attempt); it is now " + now);
        this.notBefore = notBefore;
        long millis = Duration.between(now, notBefore).toMillis();
        this.retryAfterSeconds = Math.max(1, (millis + 999) / 1000);
    }

    public Instant notBefore() {
        return notBefore;
    }

    /** Whole seconds until the next allowed attempt, rounded up, at least 1. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
