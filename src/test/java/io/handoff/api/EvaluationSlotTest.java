package io.handoff.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Semaphore;

import org.junit.jupiter.api.Test;

/** A decision waiting for its audit commit gives its slot back once, and only while a waiting place is free. */
class EvaluationSlotTest {
    @Test
    void releaseMovesTheDecisionFromItsSlotToAWaitingPlaceOnce() {
        Semaphore slots = new Semaphore(1);
        Semaphore waiting = new Semaphore(1);
        assertThat(slots.tryAcquire()).isTrue();
        EvaluationSlot slot = EvaluationSlot.hold(slots, waiting);

        EvaluationSlot.release();
        assertThat(slots.availablePermits()).isEqualTo(1);
        assertThat(waiting.availablePermits()).isZero();
        EvaluationSlot.release();
        slot.close();
        assertThat(slots.availablePermits()).isEqualTo(1);
        assertThat(waiting.availablePermits()).isEqualTo(1);
    }

    @Test
    void withEveryWaitingPlaceTakenTheSlotIsKeptUntilTheEnd() {
        Semaphore slots = new Semaphore(1);
        Semaphore waiting = new Semaphore(0);
        assertThat(slots.tryAcquire()).isTrue();
        EvaluationSlot slot = EvaluationSlot.hold(slots, waiting);

        EvaluationSlot.release();
        assertThat(slots.availablePermits()).isZero();
        slot.close();
        assertThat(slots.availablePermits()).isEqualTo(1);
        assertThat(waiting.availablePermits()).isZero();
    }

    @Test
    void releaseOnAThreadWithoutASlotDoesNothing() {
        Semaphore slots = new Semaphore(0);
        Semaphore waiting = new Semaphore(1);
        EvaluationSlot.release();
        assertThat(slots.availablePermits()).isZero();
        assertThat(waiting.availablePermits()).isEqualTo(1);
    }
}
