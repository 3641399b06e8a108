package io.handoff.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.handoff.audit.AuditRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PostureTimelineTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    private static AuditRecord decision(String id, String outcome, String posture, Instant at, boolean enforced) {
        JsonNode body = JSON.readTree(enforced ? "{\"decision\":{}}" : "{\"decision\":{\"rollout\":{\"enforced\":false}}}");
        return new AuditRecord(1, id, "decision", "HC-1", "customer-support", "tier1-to-tier2", outcome, posture, "v1",
                "h", at, body, "p", "h", 2, List.of(), List.of());
    }

    private static Records.Transition step(String decisionId, String recordId, String from, String to, Instant at) {
        return new Records.Transition(decisionId, recordId, from, to, "amber", "green", "every gate approved", at);
    }

    @Test
    void decisionEntriesComeFromTheLogAndStartWhereThePreviousEntryLeftTheHandoff() {
        List<Records.Transition> timeline = PostureTimeline.compose(
                List.of(decision("D1", "accept-pending-approval", "amber", T0, true),
                        decision("D2", "return-to-sender", "red", T0.plusSeconds(60), true)),
                List.of(step("D1", "A1", "awaiting-approval", "accepted", T0.plusSeconds(30))));

        assertThat(timeline).extracting(Records.Transition::recordId).containsExactly("D1", "A1", "D2");
        assertThat(timeline.get(0).fromStatus()).isNull();
        assertThat(timeline.get(0).toStatus()).isEqualTo("awaiting-approval");
        assertThat(timeline.get(2).fromStatus()).isEqualTo("accepted");
        assertThat(timeline.get(2).fromPosture()).isEqualTo("green");
        assertThat(timeline.get(2).toStatus()).isEqualTo("returned");
        assertThat(timeline.get(2).cause()).isEqualTo("decision D2: outcome return-to-sender, posture red");
    }

    @Test
    void atTheSameMillisecondAStepOfAnEarlierDecisionComesBeforeTheLaterDecision() {
        List<Records.Transition> timeline = PostureTimeline.compose(
                List.of(decision("D1", "accept-pending-approval", "amber", T0, true),
                        decision("D2", "accept", "green", T0.plusSeconds(5), true)),
                List.of(step("D1", "A1", "awaiting-approval", "accepted", T0.plusSeconds(5))));

        assertThat(timeline).extracting(Records.Transition::recordId).containsExactly("D1", "A1", "D2");
    }

    @Test
    void observeModeDecisionsAreTrackedNotEnforcedAndLegacyDecisionRowsAreNotRepeated() {
        List<Records.Transition> timeline = PostureTimeline.compose(
                List.of(decision("D1", "escalate", "critical", T0, false)),
                List.of(new Records.Transition("D1", "D1", null, "observed", null, "critical", "decision D1: stored by an older version", T0)));

        assertThat(timeline).hasSize(1);
        assertThat(timeline.get(0).toStatus()).isEqualTo(HandoffState.OBSERVED);
        assertThat(timeline.get(0).cause()).endsWith("(observe mode: not enforced)");
    }
}
