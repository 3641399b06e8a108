package io.handoff.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class CheckQueueTest {
    @Test
    void refusesASubmissionWhenEverySlotIsTakenAndSaysWhenToRetry() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch queuedRan = new CountDownLatch(1);
        try (CheckQueue queue = new CheckQueue(1, Duration.ofSeconds(60))) {
            queue.submit(() -> {
                running.countDown();
                await(release);
            });
            assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
            queue.submit(queuedRan::countDown);

            assertThatThrownBy(() -> queue.submit(() -> { }))
                    .isInstanceOfSatisfying(CandidateQueueFullException.class, e -> {
                        assertThat(e.code()).isEqualTo("candidate-queue-full");
                        assertThat(e.retryAfterSeconds()).isEqualTo(60);
                    });

            release.countDown();
            assertThat(queuedRan.await(5, TimeUnit.SECONDS)).as("the queued check still runs").isTrue();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
