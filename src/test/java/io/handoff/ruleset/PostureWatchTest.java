package io.handoff.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostureWatchTest {
    @Test
    void slidingWindowCountsCriticalAndFailedDecisionsAndForgetsOldOnes() {
        PostureWatch watch = new PostureWatch(4);
        watch.observe("d1", "critical");
        watch.observe("d2", null);
        watch.observe("d3", "green");
        watch.observe("d4", "green");
        assertThat(watch.criticalShare()).isEqualTo(0.25);
        assertThat(watch.errorShare()).isEqualTo(0.25);
        assertThat(watch.criticalDecisionIds(10)).containsExactly("d1", "d2");
        watch.observe("d5", "green");
        watch.observe("d6", "amber");
        assertThat(watch.size()).isEqualTo(4);
        assertThat(watch.criticalShare()).isZero();
        assertThat(watch.errorShare()).isZero();
    }
}
