package io.handoff.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DerivedIdTest {
    private static final String EARLIER = "01a2335b-a29d-7274-8c79-2cb6613b15a5";
    private static final String LATER = "01a2335b-a893-7369-bcf5-fd1325d259c4";

    @Test
    void theSameDecisionAlwaysDerivesTheSameIdAndEachGateItsOwn() {
        assertThat(Orchestrator.derivedId(EARLIER, "approval", "GATE-CS-010"))
                .isEqualTo(Orchestrator.derivedId(EARLIER, "approval", "GATE-CS-010"))
                .isNotEqualTo(Orchestrator.derivedId(EARLIER, "approval", "GATE-CS-020"))
                .isNotEqualTo(Orchestrator.derivedId(EARLIER, "incident", "GATE-CS-010"));
    }

    @Test
    void idsOfALaterDecisionSortAfterThoseOfAnEarlierOne() {
        assertThat(Orchestrator.derivedId(LATER, "approval", "A")).isGreaterThan(Orchestrator.derivedId(EARLIER, "approval", "Z"));
        assertThat(Orchestrator.derivedId(EARLIER, "approval", "A")).startsWith(EARLIER.substring(0, 18));
    }

    @Test
    void aDecisionIdThatIsNotAUuidStillDerivesAStableId() {
        assertThat(Orchestrator.derivedId("replay-42", "incident", "escalated"))
                .isEqualTo(Orchestrator.derivedId("replay-42", "incident", "escalated")).hasSize(36);
    }
}
