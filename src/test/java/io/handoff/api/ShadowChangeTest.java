package io.handoff.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.handoff.ruleset.ShadowStore;

class ShadowChangeTest {

    @Test
    void splitsAStoredComparisonIntoItsChangedFields() {
        ShadowChange change = ShadowChange.of(new ShadowStore.Changed("d-1", "v1",
                "posture green -> amber; approvals [budget by budget-owner (over cap; needs a look)] -> []; retryPolicy 3 attempts, 300 s -> 1 attempts, 5 s"));

        assertThat(change.fields()).containsExactly(
                new ShadowChange.Field("posture", "green", "amber"),
                new ShadowChange.Field("approvals", "[budget by budget-owner (over cap; needs a look)]", "[]"),
                new ShadowChange.Field("retryPolicy", "3 attempts, 300 s", "1 attempts, 5 s"));
    }

    @Test
    void keepsATextItCannotNameAsOneField() {
        assertThat(ShadowChange.of(new ShadowStore.Changed("d-2", "v1", "something else")).fields())
                .containsExactly(new ShadowChange.Field("(other)", "something else", ""));
    }
}
