package io.handoff.api;

import java.util.concurrent.Semaphore;

/**
 * The evaluation slot {@link AdmissionControl} gave the decision request running on this thread. The slot
 * bounds CPU work; a decision that has been evaluated and only waits for its audit record's group commit
 * gives its slot back early ({@link #release()}), so the next decision evaluates meanwhile and joins the
 * same commit. Releasing twice, or on a thread without a slot, does nothing.
 */
public final class EvaluationSlot {
    private static final ThreadLocal<EvaluationSlot> CURRENT = new ThreadLocal<>();

    private final Semaphore permits;
    private boolean held = true;

    private EvaluationSlot(Semaphore permits) {
        this.permits = permits;
    }

    /** Binds an acquired permit of {@code permits} to this thread until {@link #close()}. */
    static EvaluationSlot hold(Semaphore permits) {
        EvaluationSlot slot = new EvaluationSlot(permits);
        CURRENT.set(slot);
        return slot;
    }

    /** Gives the current thread's slot back now, if it holds one. */
    public static void release() {
        EvaluationSlot slot = CURRENT.get();
        if (slot != null) {
            slot.giveBack();
        }
    }

    private void giveBack() {
        if (held) {
            held = false;
            permits.release();
        }
    }

    /** Ends the request: gives the slot back unless that happened already, and unbinds it. */
    void close() {
        CURRENT.remove();
        giveBack();
    }
}
