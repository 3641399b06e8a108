package io.handoff.ruleset;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One thread checks candidates (each check is a child JVM: one at a time on a small machine), and at most
 * {@code capacity} wait for it. A full queue refuses the submission at once; it never blocks or fails later.
 */
final class CheckQueue implements AutoCloseable {
    private final ThreadPoolExecutor executor;
    private final int capacity;
    private final long retryAfterSeconds;

    CheckQueue(int capacity, Duration retryAfter) {
        this.capacity = capacity;
        this.retryAfterSeconds = Math.max(1, retryAfter.toSeconds());
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(capacity), task -> {
            Thread thread = new Thread(task, "candidate-check");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Queues the check, or throws {@link CandidateQueueFullException} when every slot is taken. */
    void submit(Runnable check) {
        try {
            executor.execute(check);
        } catch (RejectedExecutionException e) {
            throw new CandidateQueueFullException(capacity, retryAfterSeconds);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
