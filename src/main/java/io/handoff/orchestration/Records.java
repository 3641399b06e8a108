package io.handoff.orchestration;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The views of orchestration state that the API returns. */
public final class Records {
    private Records() {
    }

    /** {@code decidedBy} is the principal; {@code onBehalfOf} the directory id it decided for, when delegated. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Approval(String approvalId, String decisionId, String contractId, String gateId, String approverRole,
                           String reason, String ruleId, String status, Instant openedAt, String decidedBy,
                           String onBehalfOf, String decidedRole, String comment, Instant decidedAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attempt(String attemptId, String contractId, String decisionId, int attemptNo, String result,
                          String detail, Instant at, Instant recordedAt) {
    }

    /** {@code posture}: the handoff's posture when the incident opened (null for incidents opened before it was kept). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Incident(String incidentId, String contractId, String decisionId, String reason, String status,
                           String posture, Instant openedAt, String acknowledgedBy, String acknowledgedOnBehalfOf, Instant acknowledgedAt,
                           String resolvedBy, String resolvedOnBehalfOf, String resolution, Instant resolvedAt) {
    }

    /**
     * {@code reasonCode}: why a handoff bounced back (per domain, see {@link OutcomeKinds}); {@code slipDays}: how late a
     * slipped work item is; {@code metric}, {@code value}: a success metric the contract declared and the value reported
     * for it, {@code metricMet} whether that value reaches the declared target (on the side of the target away from
     * the declared baseline).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OutcomeReport(String outcomeId, String contractId, String decisionId, String kind, Instant occurredAt,
                                String note, String reportedBy, Instant recordedAt, String reasonCode, Integer slipDays,
                                String metric, Double value, Boolean metricMet) {
    }

    /**
     * One step of a handoff's posture timeline; {@code recordId} is the audit record that states it. For a decision that
     * revises or reopens the handoff, {@code supersedes} names the decision it replaced.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Transition(String decisionId, String recordId, String fromStatus, String toStatus, String fromPosture,
                             String toPosture, String cause, Instant at, String supersedes) {
        /** A step's transition (an approval, attempt, incident or outcome): it supersedes nothing. */
        public Transition(String decisionId, String recordId, String fromStatus, String toStatus, String fromPosture,
                          String toPosture, String cause, Instant at) {
            this(decisionId, recordId, fromStatus, toStatus, fromPosture, toPosture, cause, at, null);
        }
    }

    /** A step's answer: what changed, the audit record that states it, and where the handoff stands now. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StepResult(String recordId, Object step, HandoffState handoff, Transition transition,
                             String incidentId, Instant nextAttemptNotBefore, Integer attemptsLeft, Boolean duplicate) {
    }

    public record Timeline(HandoffState handoff, List<Transition> timeline) {
    }
}
