package io.handoff.decision;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.handoff.engine.Evaluation;
import io.handoff.engine.Ruleset;

/**
 * The time limit of a live evaluation, enforced on the evaluating thread: the evaluation runs on a bounded pool and the
 * request waits for it at most {@code timeout}. Past it the request ends with {@link EvaluationTimeoutException}, the
 * evaluation is told to stop before its next firing and its thread is interrupted; whatever it would have produced is
 * thrown away. The limit never shapes a decision: an evaluation either finishes exactly as it would on an idle machine,
 * or produces nothing. {@link #NONE} evaluates on the caller's thread without any limit (cases, simulate, shadow).
 */
public final class EvaluationLimit implements AutoCloseable {
    public static final EvaluationLimit NONE = new EvaluationLimit();
    private final Duration timeout;
    private final ThreadPoolExecutor pool;

    private EvaluationLimit() {
        this.timeout = null;
        this.pool = null;
    }

    /** {@code threads} evaluations at once, as many more waiting; beyond that a request fails at once. */
    public EvaluationLimit(Duration timeout, int threads) {
        if (timeout.isNegative() || timeout.isZero() || threads < 1) {
            throw new IllegalArgumentException("evaluation timeout must be positive and threads at least 1");
        }
        this.timeout = timeout;
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(threads), r -> {
            Thread thread = new Thread(r, "evaluation-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        pool.allowCoreThreadTimeOut(true);
    }

    public Duration timeout() {
        return timeout;
    }

    Evaluation evaluate(Ruleset ruleset, List<?> facts, String decisionId) {
        if (pool == null) {
            return ruleset.evaluate(facts);
        }
        AtomicBoolean stop = new AtomicBoolean();
        long deadline = System.nanoTime() + timeout.toNanos();
        Future<Evaluation> running;
        try {
            running = pool.submit(() -> ruleset.evaluate(facts, stop::get));
        } catch (RejectedExecutionException e) {
            throw new EvaluationTimeoutException(decisionId, timeout, "no evaluation thread became free: every one is busy "
                    + "and as many evaluations wait; the ruleset decided nothing");
        }
        try {
            Evaluation evaluation = running.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (System.nanoTime() - deadline > 0) {
                // finished, but after the limit (a waiting caller, a busy machine): the limit is the limit, whatever the
                // timing of the wake-up, so a result that arrives late is thrown away like one that never arrives
                throw new TimeoutException();
            }
            return evaluation;
        } catch (TimeoutException | InterruptedException e) {
            stop.set(true);
            running.cancel(true);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new EvaluationTimeoutException(decisionId, timeout, "the evaluation did not finish within " + describe(timeout)
                    + " (handoff.decisions.evaluation-timeout); it was stopped and decided nothing");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime && !(runtime instanceof CancellationException)) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("evaluation failed: " + e.getCause(), e.getCause());
        }
    }

    private static String describe(Duration limit) {
        return limit.toMillis() >= 1 ? limit.toMillis() + " ms" : limit.toNanos() / 1000 + " µs";
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
