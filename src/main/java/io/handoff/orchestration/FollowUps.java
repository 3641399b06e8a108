package io.handoff.orchestration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.handoff.engine.Ruleset;
import io.handoff.notify.Delivery;
import io.handoff.notify.NotifyProperties;
import io.handoff.notify.Outbox;
import io.handoff.notify.Severity;
import io.handoff.ruleset.CandidateReport;
import io.handoff.ruleset.RulesetHistory;
import io.handoff.ruleset.RulesetLifecycle;

/**
 * Unresolved work, each item with an owner role, a severity, its age, a due time and a link: pending approvals
 * (approvers), open incidents (oversight: approvers), handoffs returned to or retrying at the sender (deciders),
 * bounced-back and reopened outcomes (deciders) and SLA breaches (oversight) not followed by a new decision or a
 * resolution, automatic rollbacks not followed by a promotion, rejected ruleset candidates not yet followed by a
 * passing one, tuning recommendations the tables do not follow yet (analysts), and dead-lettered notifications
 * (admins). Items are derived from the current state, so an item closes when its cause is resolved.
 * <p>
 * Ranked by severity (critical first), then age (oldest first). A handoff's severity is the highest its contract's
 * severity, priority and risk level and the handoff's posture reach ({@link Severity#of}); an automatic rollback is
 * critical, a rejected candidate medium, a tuning recommendation low, a dead letter as severe as the event it carried.
 * Due: the item's start plus {@code handoff.notify.respond-within.<severity>}.
 */
public final class FollowUps {

    private final Orchestrator orchestrator;
    private final RulesetLifecycle lifecycle;
    private final Clock clock;
    private final Outbox outbox;
    private final NotifyProperties.ResponseTimes respondWithin;

    public FollowUps(Orchestrator orchestrator, RulesetLifecycle lifecycle, Clock clock) {
        this(orchestrator, lifecycle, clock, null);
    }

    /** {@code outbox}: its dead letters are follow-ups too, and its response times set the due times (null: defaults). */
    public FollowUps(Orchestrator orchestrator, RulesetLifecycle lifecycle, Clock clock, Outbox outbox) {
        this.orchestrator = orchestrator;
        this.lifecycle = lifecycle;
        this.clock = clock;
        this.outbox = outbox;
        this.respondWithin = outbox == null ? NotifyProperties.none().respondWithin() : outbox.properties().respondWithin();
    }

    /**
     * {@code ownerRole}: the API role that acts on it; {@code assignee}: the gate role, team or webhook, when narrower;
     * {@code teams}: the handoff's sending and receiving teams.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(String id, String kind, String ownerRole, String assignee, String contractId, String severity,
                       String summary, Instant since, long ageSeconds, Instant dueAt, boolean overdue, String domain,
                       List<String> teams, String link) {
    }

    /** Any may be null: {@code role} an owner role or assignee, {@code team} a sending or receiving team (or assignee). */
    public record Filter(String role, String team, String domain) {
        boolean accepts(Item i) {
            return (role == null || role.equals(i.ownerRole()) || role.equals(i.assignee()))
                    && (team == null || team.equals(i.assignee()) || (i.teams() != null && i.teams().contains(team)))
                    && (domain == null || domain.equals(i.domain()));
        }
    }

    public List<Item> list(String role) {
        return ranked(new Filter(role, null, null));
    }

    public List<Item> ranked(Filter filter) {
        Instant now = clock.instant();
        Handoffs about = new Handoffs();
        List<Records.Approval> approvals = orchestrator.approvals(null, ApprovalStatus.PENDING.wire(), 500);
        List<Records.Incident> incidents = Stream.of(IncidentStatus.OPEN, IncidentStatus.ACKNOWLEDGED)
                .flatMap(s -> orchestrator.incidents(s.wire(), null, 500).stream()).toList();
        List<HandoffState> unresolved = orchestrator.store().unresolved();
        List<Records.OutcomeReport> outcomes = orchestrator.openOutcomes(500);
        about.load(Stream.of(approvals.stream().map(Records.Approval::contractId), incidents.stream().map(Records.Incident::contractId),
                unresolved.stream().map(HandoffState::contractId), outcomes.stream().map(Records.OutcomeReport::contractId))
                .flatMap(s -> s).distinct().toList());

        List<Item> items = new ArrayList<>();
        for (Records.Approval a : approvals) {
            items.add(about.item("approval:" + a.approvalId(), "pending-approval", "approver", a.approverRole(), a.contractId(),
                    "gate " + a.gateId() + " waits for a " + a.approverRole() + ": " + a.reason(), a.openedAt(), now,
                    "/api/v1/approvals/" + a.approvalId()));
        }
        for (Records.Incident i : incidents) {
            items.add(about.item("incident:" + i.incidentId(), "open-incident", "approver", "oversight", i.contractId(),
                    "incident (" + i.reason() + ") is " + i.status(), i.openedAt(), now, "/api/v1/incidents/" + i.incidentId()));
        }
        for (HandoffState h : unresolved) {
            String summary = HandoffState.RETURNED.equals(h.status())
                    ? "returned to the sender (" + h.senderTeam() + "): fix and resubmit"
                    : "delivery failed " + h.failures() + " of " + h.maxAttempts() + " attempts; next not before " + h.nextAttemptAt();
            items.add(about.item("handoff:" + h.contractId(), "unresolved-risk", "decider", h.senderTeam(), h.contractId(), summary,
                    h.updatedAt(), now, "/api/v1/handoffs/" + h.contractId()));
        }
        for (Records.OutcomeReport o : outcomes) {
            items.add(outcome(o, about, now));
        }
        rulesetItems(items, now);
        deadLetters(items, now);
        return items.stream().filter(filter::accepts)
                .sorted(Comparator.comparing((Item i) -> Severity.ofWire(i.severity())).reversed()
                        .thenComparing(Comparator.comparingLong(Item::ageSeconds).reversed()).thenComparing(Item::id)).toList();
    }

    private static Item outcome(Records.OutcomeReport o, Handoffs about, Instant now) {
        String note = o.note() == null ? "" : ": " + o.note();
        return switch (o.kind()) {
            case "bounced-back" -> about.item("outcome:" + o.outcomeId(), "bounced-back", "decider", about.senderTeam(o.contractId()),
                    o.contractId(), "bounced back by the receiver" + note + "; fix and resubmit", o.recordedAt(), now,
                    "/api/v1/handoffs/" + o.contractId() + "/report");
            case "reopened" -> about.item("outcome:" + o.outcomeId(), "reopened", "decider", about.receiverTeam(o.contractId()),
                    o.contractId(), "reopened after the handoff" + note, o.recordedAt(), now, "/api/v1/handoffs/" + o.contractId() + "/report");
            default -> about.item("outcome:" + o.outcomeId(), "sla-breached", "approver", "oversight", o.contractId(),
                    "SLA breached" + note, o.recordedAt(), now, "/api/v1/handoffs/" + o.contractId() + "/report");
        };
    }

    private void rulesetItems(List<Item> items, Instant now) {
        List<RulesetHistory.Event> history = lifecycle.history(200);
        Instant lastPromotion = history.stream().filter(e -> "promoted".equals(e.event())).map(RulesetHistory.Event::at)
                .max(Comparator.naturalOrder()).orElse(Instant.MIN);
        for (RulesetHistory.Event e : history) {
            if ("auto-rolled-back".equals(e.event()) && e.at().isAfter(lastPromotion)) {
                items.add(item("rollback:" + e.id(), "automatic-rollback", "analyst", e.actor(), null, Severity.CRITICAL,
                        "ruleset " + e.version().substring(0, Math.min(12, e.version().length())) + " was rolled back automatically: "
                                + e.reason(), e.at(), now, null, List.of(), "/api/v1/rulesets/" + e.version()));
            }
        }
        List<CandidateReport> candidates = lifecycle.candidates();
        Optional<Instant> lastGood = candidates.stream().filter(CandidateReport::passed).map(CandidateReport::submittedAt)
                .max(Comparator.naturalOrder());
        for (CandidateReport c : candidates) {
            if (CandidateReport.REJECTED.equals(c.status()) && (lastGood.isEmpty() || c.submittedAt().isAfter(lastGood.get()))) {
                items.add(item("candidate:" + c.version(), "failed-candidate", "analyst", c.submittedBy(), null, Severity.MEDIUM,
                        "candidate " + c.version().substring(0, 12) + " rejected: " + c.problems().size() + " problem(s), "
                                + c.casesFailed() + " failing case(s)", c.submittedAt(), now, null, List.of(), "/api/v1/rulesets/" + c.version()));
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
            if (ThresholdTuning.RECOMMENDED.equals(t.status())) {
                items.add(item("tuning:" + active.version().substring(0, 12) + ":" + t.ruleId(), "tuning-recommendation", "analyst",
                        null, null, Severity.LOW, t.source() + ": score cut-off " + t.current() + " -> " + t.recommended()
                                + " would cut cost " + t.currentCost() + " -> " + t.recommendedCost() + " on " + t.reported()
                                + " handoffs with outcomes", null, now, null, List.of(), "/api/v1/tuning"));
            }
        }
    }

    private void deadLetters(List<Item> items, Instant now) {
        if (outbox == null) {
            return;
        }
        for (Delivery d : outbox.deliveries(Delivery.DEAD, null, 500)) {
            items.add(item("notification:" + d.deliveryId(), "dead-notification", "admin", d.webhook(), d.contractId(),
                    Severity.ofWire(d.severity()), d.kind() + " notice to webhook " + d.webhook() + " dead after " + d.attempts()
                            + " tries: " + d.lastError(), d.nextAttemptAt(), now, null, List.of(), "/api/v1/notifications/" + d.deliveryId()));
        }
    }

    private Item item(String id, String kind, String ownerRole, String assignee, String contractId, Severity severity,
                      String summary, Instant since, Instant now, String domain, List<String> teams, String link) {
        long age = since == null ? 0 : Math.max(0, Duration.between(since, now).toSeconds());
        Instant due = since == null ? null : since.plus(respondWithin.of(severity));
        return new Item(id, kind, ownerRole, assignee, contractId, severity.wire(), summary, since, age, due,
                due != null && due.isBefore(now), domain, teams, link);
    }

    /** The handoffs the items are about, with the urgency their current decision recorded. */
    private final class Handoffs {
        private Map<String, HandoffState> states = Map.of();
        private Map<String, Notices.Urgency> urgencies = new HashMap<>();

        void load(List<String> contractIds) {
            states = contractIds.isEmpty() ? Map.of() : orchestrator.store().handoffs(contractIds);
            urgencies = orchestrator.notices().urgencies(states.values().stream().map(HandoffState::decisionId).toList());
        }

        String senderTeam(String contractId) {
            HandoffState h = states.get(contractId);
            return h == null ? null : h.senderTeam();
        }

        String receiverTeam(String contractId) {
            HandoffState h = states.get(contractId);
            Notices.Urgency u = h == null ? null : urgencies.get(h.decisionId());
            return u == null || u.toTeam() == null ? senderTeam(contractId) : u.toTeam();
        }

        Item item(String id, String kind, String ownerRole, String assignee, String contractId, String summary, Instant since,
                  Instant now, String link) {
            HandoffState h = states.get(contractId);
            Notices.Urgency u = h == null ? Notices.Urgency.NONE : urgencies.getOrDefault(h.decisionId(), Notices.Urgency.NONE);
            List<String> teams = h == null ? List.of() : Stream.of(h.senderTeam(), u.toTeam()).filter(t -> t != null).distinct().toList();
            return FollowUps.this.item(id, kind, ownerRole, assignee, contractId, u.level(h == null ? null : h.posture()), summary,
                    since, now, h == null ? null : h.domain(), teams, link);
        }
    }
}
