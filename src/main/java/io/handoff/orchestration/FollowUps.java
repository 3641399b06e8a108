package io.handoff.orchestration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.handoff.engine.Ruleset;
import io.handoff.ruleset.CandidateReport;
import io.handoff.ruleset.RulesetLifecycle;

/**
 * Unresolved work, each item with an owner role, its age and a link: pending approvals (approvers), open
 * incidents (oversight: approvers), handoffs returned to or retrying at the sender (deciders), rejected ruleset
 * candidates not yet followed by a passing one, and tuning recommendations the tables do not follow yet
 * (analysts). Items are derived from the current state, so an item closes when its cause is resolved.
 */
public final class FollowUps {
    /** Tuning recommendations on fewer handoffs with outcomes than this are not worth an analyst's time yet. */
    static final int MIN_TUNING_EVIDENCE = 30;

    private final Orchestrator orchestrator;
    private final RulesetLifecycle lifecycle;
    private final Clock clock;

    public FollowUps(Orchestrator orchestrator, RulesetLifecycle lifecycle, Clock clock) {
        this.orchestrator = orchestrator;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    /** {@code ownerRole}: the API role that acts on it; {@code assignee}: the gate role or team, when narrower. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(String id, String kind, String ownerRole, String assignee, String contractId, String summary,
                       Instant since, long ageSeconds, String link) {
    }

    public List<Item> list(String role) {
        Instant now = clock.instant();
        List<Item> items = new ArrayList<>();
        for (Records.Approval a : orchestrator.approvals(null, ApprovalStatus.PENDING.wire(), 500)) {
            items.add(item("approval:" + a.approvalId(), "pending-approval", "approver", a.approverRole(), a.contractId(),
                    "gate " + a.gateId() + " waits for a " + a.approverRole() + ": " + a.reason(), a.openedAt(), now,
                    "/api/v1/approvals/" + a.approvalId()));
        }
        for (String status : List.of(IncidentStatus.OPEN.wire(), IncidentStatus.ACKNOWLEDGED.wire())) {
            for (Records.Incident i : orchestrator.incidents(status, null, 500)) {
                items.add(item("incident:" + i.incidentId(), "open-incident", "approver", "oversight", i.contractId(),
                        "incident (" + i.reason() + ") is " + i.status(), i.openedAt(), now, "/api/v1/incidents/" + i.incidentId()));
            }
        }
        for (HandoffState h : orchestrator.store().unresolved()) {
            String summary = HandoffState.RETURNED.equals(h.status())
                    ? "returned to the sender (" + h.senderTeam() + "): fix and resubmit"
                    : "delivery failed " + h.failures() + " of " + h.maxAttempts() + " attempts; next not before " + h.nextAttemptAt();
            items.add(item("handoff:" + h.contractId(), "unresolved-risk", "decider", h.senderTeam(), h.contractId(), summary,
                    h.updatedAt(), now, "/api/v1/handoffs/" + h.contractId()));
        }
        List<CandidateReport> candidates = lifecycle.candidates();
        Optional<Instant> lastGood = candidates.stream().filter(CandidateReport::passed).map(CandidateReport::submittedAt)
                .max(Comparator.naturalOrder());
        for (CandidateReport c : candidates) {
            if (CandidateReport.REJECTED.equals(c.status()) && (lastGood.isEmpty() || c.submittedAt().isAfter(lastGood.get()))) {
                items.add(item("candidate:" + c.version(), "failed-candidate", "analyst", c.submittedBy(), null,
                        "candidate " + c.version().substring(0, 12) + " rejected: " + c.problems().size() + " problem(s), "
                                + c.casesFailed() + " failing case(s)", c.submittedAt(), now, "/api/v1/rulesets/" + c.version()));
            }
        }
        Ruleset active = lifecycle.active();
        List<ThresholdTuning.Threshold> thresholds;
        try {
            thresholds = orchestrator.tuning(active).thresholds();
        } catch (OrchestrationException e) {
            thresholds = List.of(); // no posture table to tune (or an unreadable metrics file): nothing to recommend
        }
        for (ThresholdTuning.Threshold t : thresholds) {
            if (t.recommended() != t.current() && t.reported() >= MIN_TUNING_EVIDENCE) {
                items.add(item("tuning:" + active.version().substring(0, 12) + ":" + t.ruleId(), "tuning-recommendation", "analyst",
                        null, null, t.source() + ": score cut-off " + t.current() + " -> " + t.recommended() + " would cut cost "
                                + t.currentCost() + " -> " + t.recommendedCost() + " on " + t.reported() + " handoffs with outcomes",
                        null, now, "/api/v1/tuning"));
            }
        }
        return items.stream().filter(i -> role == null || role.equals(i.ownerRole()) || role.equals(i.assignee()))
                .sorted(Comparator.comparingLong(Item::ageSeconds).reversed().thenComparing(Item::id)).toList();
    }

    private static Item item(String id, String kind, String ownerRole, String assignee, String contractId, String summary,
                             Instant since, Instant now, String link) {
        long age = since == null ? 0 : Math.max(0, Duration.between(since, now).toSeconds());
        return new Item(id, kind, ownerRole, assignee, contractId, summary, since, age, link);
    }
}
