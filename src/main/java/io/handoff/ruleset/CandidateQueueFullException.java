package io.handoff.ruleset;

/** Every slot of the candidate queue is taken: submit again after {@link #retryAfterSeconds()}. */
public final class CandidateQueueFullException extends LifecycleException {
    private final long retryAfterSeconds;

    CandidateQueueFullException(int capacity, long retryAfterSeconds) {
        super("candidate-queue-full", capacity + " candidates are already waiting to be checked; submit again later");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
