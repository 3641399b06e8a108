package io.handoff.notify;

import java.util.Arrays;
import java.util.Optional;

/** The events a webhook may subscribe to, by their wire names ({@code handoff.notify.webhooks[n].kinds}). */
public enum NoticeKind {
    INCIDENT_OPENED("incident-opened"),
    INCIDENT_ACKNOWLEDGED("incident-acknowledged"),
    INCIDENT_RESOLVED("incident-resolved"),
    HANDOFF_ESCALATED("handoff-escalated"),
    /** The decision's rules paged an on-call target (rules/urgency/paging.drl): a critical-urgency handoff. */
    HANDOFF_PAGED("handoff-paged"),
    APPROVAL_REQUESTED("approval-requested"),
    APPROVAL_OVERDUE("approval-overdue"),
    AUTOMATIC_ROLLBACK("automatic-rollback"),
    CANDIDATE_REJECTED("candidate-rejected");

    private final String wire;

    NoticeKind(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<NoticeKind> of(String wire) {
        return Arrays.stream(values()).filter(k -> k.wire.equals(wire)).findFirst();
    }
}
