package io.handoff.api;

import java.util.concurrent.Semaphore;

/**
 * The evaluation slot {@link AdmissionControl} gave the decision request running on this thread. Slots bound the
 * CPU work; a decision that has been evaluated and only waits for its audit record's group commit moves, if a
 * waiting place is free, from its evaluation slot to a waiting place ({@link #release()}), so the next decision
 * evaluates meanwhile and joins the same commit. Waiting places ({@code handoff.budget.max-waiting}, default 0)
 * trade latency for throughput: more decisions in flight make bigger, cheaper commits, and longer waits.
 * Releasing twice, or on a thread without a slot, does nothing.
 */
public final class EvaluationSlot {
    private static final ThreadLocal<EvaluationSlot> CURRENT = new ThreadLocal<>();

    private final Semaphore slots;
    private final Semaphore waiting;
    private boolean evaluating = true;
    private boolean waits;

    private EvaluationSlot(Semaphore slots, Semaphore waiting) {
        this.slots = slots;
        this.waiting = waiting;
    }

    /** Binds an acquired permit of {@code slots} to this thread until {@link #close()}. */
    static EvaluationSlot hold(Semaphore slots, Semaphore waiting) {
        EvaluationSlot slot = new EvaluationSlot(slots, waiting);
        CURRENT.set(slot);
        return slot;
    }

    /** The current thread's decision only waits from now on: it gives its slot back if a waiting place is free. */
    public static void release() {
        EvaluationSlot slot = CURRENT.get();
        if (slot != null) {
            slot.toWaiting();
        }
    }

    private void toWaiting() {
        if (evaluating && waiting.tryAcquire()) {
            evaluating = false;
            waits = true;
            slots.release();
        }
    }

    /** Ends the request: gives back what it still holds, and unbinds it. */
    void close() {
        CURRENT.remove();
        if (evaluating) {
            evaluating = false;
            slots.release();
        }
        if (waits) {
            waits = false;
            waiting.release();
        }
    }
}
