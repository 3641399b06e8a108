package io.handoff.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CanaryBucketTest {
    @Test
    void sameContractIdAlwaysLandsInTheSameBucketAndBucketsSpreadEvenly() {
        assertThat(RulesetLifecycle.bucket("HC-2026-0001")).isEqualTo(RulesetLifecycle.bucket("HC-2026-0001"));
        int below30 = 0;
        for (int i = 0; i < 10_000; i++) {
            int bucket = RulesetLifecycle.bucket("HC-" + i);
            assertThat(bucket).isBetween(0, 99);
            below30 += bucket < 30 ? 1 : 0;
        }
        assertThat(below30).isBetween(2_800, 3_200);
    }
}
