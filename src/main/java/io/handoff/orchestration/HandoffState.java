package io.handoff.orchestration;

import java.time.Instant;

/**
 * Where one handoff stands: its latest decision, status, posture and delivery attempts. {@code senderActor} is the
 * contract's free-text {@code from.actor}; {@code submittedBy} is the principal that submitted the decision (null
 * for handoffs opened before principals were recorded, or by a decision made outside the API).
 */
public record HandoffState(String contractId, String decisionId, String domain, String handoffType, String customerTier,
                           String senderTeam, String senderActor, String submittedBy, String rulesetVersion, Instant decidedAt,
                           String decisionOutcome, int score, String firedRules, String status, String posture,
                           boolean enforced, int maxAttempts, int backoffSeconds, int attempts, int failures,
                           Instant nextAttemptAt, Instant updatedAt) {

    /** Status of a handoff. */
    public static final String ACCEPTED = "accepted";
    public static final String AWAITING_APPROVAL = "awaiting-approval";
    public static final String RETURNED = "returned";
    public static final String ESCALATED = "escalated";
    public static final String RETRYING = "retrying";
    public static final String DELIVERED = "delivered";
    public static final String RESOLVED = "resolved";
    public static final String OBSERVED = "observed";

    static String statusOf(String outcome) {
        return switch (outcome) {
            case "accept" -> ACCEPTED;
            case "accept-pending-approval" -> AWAITING_APPROVAL;
            case "return-to-sender" -> RETURNED;
            default -> ESCALATED;
        };
    }

    /** Delivered, or resolved by oversight: the handoff's life is over; a new decision must say it reopens it. */
    public boolean closed() {
        return DELIVERED.equals(status) || RESOLVED.equals(status);
    }

    boolean deliverable() {
        return ACCEPTED.equals(status) || RETRYING.equals(status);
    }

    HandoffState with(String newStatus, String newPosture, Instant at) {
        return new HandoffState(contractId, decisionId, domain, handoffType, customerTier, senderTeam, senderActor,
                submittedBy, rulesetVersion, decidedAt, decisionOutcome, score, firedRules, newStatus, newPosture, enforced, maxAttempts,
                backoffSeconds, attempts, failures, nextAttemptAt, at);
    }

    HandoffState withAttempts(int newAttempts, int newFailures, Instant nextAt) {
        return new HandoffState(contractId, decisionId, domain, handoffType, customerTier, senderTeam, senderActor,
                submittedBy, rulesetVersion, decidedAt, decisionOutcome, score, firedRules, status, posture, enforced, maxAttempts,
                backoffSeconds, newAttempts, newFailures, nextAt, updatedAt);
    }
}
