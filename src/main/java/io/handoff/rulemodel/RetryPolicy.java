package io.handoff.rulemodel;

/** How many times carrying out the handoff is attempted and how long to wait between attempts. */
public final class RetryPolicy implements Outcome {
    private final int maxAttempts;
    private final int backoffSeconds;

    public RetryPolicy(int maxAttempts, int backoffSeconds) {
        if (maxAttempts < 1 || backoffSeconds < 0) {
            throw new IllegalArgumentException("retry policy needs maxAttempts >= 1 and backoffSeconds >= 0");
        }
        this.maxAttempts = maxAttempts;
        this.backoffSeconds = backoffSeconds;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public int getBackoffSeconds() {
        return backoffSeconds;
    }

    @Override
    public String describe() {
        return "retry up to " + maxAttempts + " attempts, backoff " + backoffSeconds + " s";
    }
}
