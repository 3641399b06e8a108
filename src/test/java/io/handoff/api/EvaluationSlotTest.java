package io.handoff.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Semaphore;

import org.junit.jupiter.api.Test;

/** A decision waiting for its audit commit gives its slot back once, and never twice. */
class EvaluationSlotTest {
    @Test
    void releaseGivesTheSlotBackOnceAndCloseDoesNotGiveItAgain() {
        Semaphore permits = new Semaphore(1);
        assertThat(permits.tryAcquire()).isTrue();
        EvaluationSlot slot = EvaluationSlot.hold(permits);

        EvaluationSlot.release();
        assertThat(permits.availablePermits()).isEqualTo(1);
        EvaluationSlot.release();
        slot.close();
        assertThat(permits.availablePermits()).isEqualTo(1);
    }

    @Test
    void closeGivesBackASlotThatWasNotReleasedEarly() {
        Semaphore permits = new Semaphore(2);
        assertThat(permits.tryAcquire()).isTrue();
        EvaluationSlot.hold(permits).close();
        assertThat(permits.availablePermits()).isEqualTo(2);
    }

    @Test
    void releaseOnAThreadWithoutASlotDoesNothing() {
        Semaphore permits = new Semaphore(1);
        EvaluationSlot.hold(permits).close(); // the close unbinds: a later release on this thread finds nothing
        EvaluationSlot.release();
        assertThat(permits.availablePermits()).isEqualTo(2);
    }
}
