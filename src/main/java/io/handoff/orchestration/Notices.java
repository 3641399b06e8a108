package io.handoff.orchestration;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

import io.handoff.contract.HandoffContract;
import io.handoff.decision.Decision;
import io.handoff.notify.Notice;
import io.handoff.notify.NoticeKind;
import io.handoff.notify.Outbox;
import io.handoff.notify.Severity;

/**
 * What orchestration tells the outbox, always in the transaction of the step that made it happen: a decision batch's
 * approval requests, escalations and incidents (in the group commit, with the urgency of each decision), an incident
 * acknowledged or resolved, retries exhausted, approvals past their due time. With no outbox or no webhook it only
 * records each decision's urgency, which follow-ups rank by.
 */
final class Notices {
    private final JdbcTemplate jdbc;
    private final Outbox outbox;

    /** {@code outbox} null: nobody is notified (tools, tests). */
    Notices(JdbcTemplate jdbc, Outbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    /**
     * The contract's own urgency signals, as the decision saw them, and the urgency and page mode its rules set
     * ({@code decisionUrgency}, {@code pageMode}; null on rulesets without urgency rules and for older decisions).
     */
    record Urgency(String decisionId, String contractId, String severity, String priority, String riskLevel, String toTeam,
                   String decisionUrgency, String pageMode) {
        static final Urgency NONE = new Urgency(null, null, null, null, null, null, null, null);

        static Urgency of(Decision d, HandoffContract c) {
            HandoffContract.SupportCase sc = c == null ? null : c.supportCase();
            return new Urgency(d.decisionId(), d.contractId(), sc == null ? null : sc.severity(), sc == null ? null : sc.priority(),
                    c == null || c.workItem() == null ? null : c.workItem().riskLevel(), c == null || c.to() == null ? null : c.to().team(),
                    d.urgency() == null ? null : d.urgency().level(), d.page() == null ? null : d.page().mode());
        }

        /** The rules' urgency when they set one (never below what posture says), else the contract's own signals. */
        Severity level(String posture) {
            if (decisionUrgency != null) {
                Severity rules = Severity.ofUrgency(decisionUrgency);
                Severity byPosture = Severity.of(null, null, null, posture);
                return rules.compareTo(byPosture) >= 0 ? rules : byPosture;
            }
            return Severity.of(severity, priority, riskLevel, posture);
        }

        /** Pages now: the rules paged in parallel, or (rulesets without paging rules) a sev1 or urgent case. */
        boolean urgent() {
            if (decisionUrgency != null) {
                return "parallel".equals(pageMode);
            }
            return Severity.urgent(severity, priority);
        }
    }

    boolean notifying() {
        return outbox != null && !outbox.properties().webhooks().isEmpty();
    }

    /** In the decision batch's transaction: each decision's urgency, and the notices of what the batch opened. */
    void opened(List<Orchestrator.Opening> batch, Collection<Records.Approval> inserted, List<Records.Incident> incidents) {
        Map<String, Orchestrator.Opening> byDecision = new LinkedHashMap<>();
        batch.forEach(o -> byDecision.put(o.decision().decisionId(), o));
        // a decision opened twice (never, today) must not fail its batch over a row that says the same thing
        jdbc.batchUpdate("INSERT INTO handoff_urgency (decision_id, contract_id, severity, priority, risk_level, to_team, urgency, page_mode) "
                        + "SELECT CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(16)), CAST(? AS VARCHAR(16)), "
                        + "CAST(? AS VARCHAR(16)), CAST(? AS VARCHAR(200)), CAST(? AS VARCHAR(16)), CAST(? AS VARCHAR(16)) "
                        + "WHERE NOT EXISTS (SELECT 1 FROM handoff_urgency WHERE decision_id = ?)",
                byDecision.values().stream().map(o -> Urgency.of(o.decision(), o.contract())).map(u -> new Object[] {u.decisionId(),
                        u.contractId(), u.severity(), u.priority(), u.riskLevel(), u.toTeam(), u.decisionUrgency(), u.pageMode(),
                        u.decisionId()}).toList());
        if (!notifying()) {
            return;
        }
        List<Notice> notices = new ArrayList<>();
        for (Records.Approval a : inserted) {
            Orchestrator.Opening o = byDecision.get(a.decisionId());
            if (o != null && ApprovalStatus.PENDING.is(a.status())) {
                notices.add(approvalNotice(NoticeKind.APPROVAL_REQUESTED, a, o.decision(), o.contract(), a.openedAt()));
            }
        }
        for (Orchestrator.Opening o : batch) {
            Decision d = o.decision();
            if (o.enforced() && "escalate".equals(d.outcome())) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("decisionId", d.decisionId());
                data.put("posture", d.posture());
                data.put("score", d.score());
                data.put("rulesetVersion", d.rulesetVersion());
                data.put("queue", d.route() == null ? null : d.route().queue());
                notices.add(notice(NoticeKind.HANDOFF_ESCALATED, d.decisionId(), d.recordedAt(), d.contractId(), d.domain(),
                        o.contract(), Urgency.of(d, o.contract()), d.posture(), "handoff " + d.contractId() + " escalated to oversight ("
                                + d.posture() + ", score " + d.score() + ")", "/api/v1/handoffs/" + d.contractId(), data));
            }
        }
        for (Orchestrator.Opening o : batch) {
            Decision d = o.decision();
            if (o.enforced() && d.page() != null) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("decisionId", d.decisionId());
                data.put("target", d.page().target());
                data.put("mode", d.page().mode());
                data.put("urgency", d.urgency() == null ? null : d.urgency().level());
                data.put("ruleId", d.page().ruleId());
                data.put("queue", d.route() == null ? null : d.route().queue());
                notices.add(notice(NoticeKind.HANDOFF_PAGED, d.decisionId(), d.recordedAt(), d.contractId(), d.domain(), o.contract(),
                        Urgency.of(d, o.contract()), d.posture(), "page " + d.page().target() + " (" + d.page().mode() + ") for "
                                + d.contractId() + ": urgency " + data.get("urgency") + ", posture " + d.posture(),
                        "/api/v1/handoffs/" + d.contractId(), data));
            }
        }
        for (Records.Incident i : incidents) {
            Orchestrator.Opening o = byDecision.get(i.decisionId());
            if (o != null) {
                notices.add(incidentNotice(NoticeKind.INCIDENT_OPENED, i, o.decision().domain(), teams(o.contract()),
                        Urgency.of(o.decision(), o.contract()), o.decision().posture(), i.openedAt(), null));
            }
        }
        outbox.emit(notices);
    }

    /** In a step's transaction: an incident opened (retries exhausted), acknowledged or resolved. */
    void incident(NoticeKind kind, Records.Incident i, HandoffState h, Instant at, String note) {
        if (notifying()) {
            Urgency u = urgencies(List.of(i.decisionId())).getOrDefault(i.decisionId(), Urgency.NONE);
            outbox.emit(List.of(incidentNotice(kind, i, h.domain(), List.of(h.senderTeam()), u, h.posture(), at, note)));
        }
    }

    /** Pending approvals past their due time (by severity, {@code handoff.notify.respond-within}); each notified once. */
    int overdue(HandoffStore store, Instant now) {
        if (!notifying()) {
            return 0;
        }
        List<Records.Approval> pending = store.approvals(null, ApprovalStatus.PENDING.wire(), 500);
        Map<String, HandoffState> handoffs = store.handoffs(pending.stream().map(Records.Approval::contractId).distinct().toList());
        Map<String, Urgency> urgencies = urgencies(pending.stream().map(Records.Approval::decisionId).distinct().toList());
        List<Notice> notices = new ArrayList<>();
        for (Records.Approval a : pending) {
            HandoffState h = handoffs.get(a.contractId());
            Urgency u = urgencies.getOrDefault(a.decisionId(), Urgency.NONE);
            Instant due = a.openedAt().plus(outbox.properties().respondWithin().of(u.level(h == null ? null : h.posture())));
            if (h != null && due.isBefore(now)) {
                notices.add(notice(NoticeKind.APPROVAL_OVERDUE, a.approvalId(), now, a.contractId(), h.domain(), null, u, h.posture(),
                        "gate " + a.gateId() + " has waited for a " + a.approverRole() + " since " + a.openedAt() + " (due " + due + ")",
                        "/api/v1/approvals/" + a.approvalId(), approvalData(a, due), h.senderTeam()));
            }
        }
        outbox.emitOnce(notices);
        return notices.size();
    }

    /** The urgency recorded for each of these decisions (decisions made before it was recorded have none). */
    Map<String, Urgency> urgencies(List<String> decisionIds) {
        Map<String, Urgency> found = new HashMap<>();
        if (decisionIds.isEmpty()) {
            return found;
        }
        jdbc.query(connection -> {
            var statement = connection.prepareStatement("SELECT * FROM handoff_urgency WHERE decision_id = ANY(?)");
            statement.setArray(1, connection.createArrayOf("VARCHAR", decisionIds.toArray()));
            return statement;
        }, (org.springframework.jdbc.core.RowCallbackHandler) rs -> found.put(rs.getString("decision_id"), new Urgency(
                rs.getString("decision_id"), rs.getString("contract_id"), rs.getString("severity"), rs.getString("priority"),
                rs.getString("risk_level"), rs.getString("to_team"), rs.getString("urgency"), rs.getString("page_mode"))));
        return found;
    }

    private Notice approvalNotice(NoticeKind kind, Records.Approval a, Decision d, HandoffContract c, Instant at) {
        Urgency u = Urgency.of(d, c);
        Instant due = a.openedAt().plus(outbox.properties().respondWithin().of(u.level(d.posture())));
        return notice(kind, a.approvalId(), at, a.contractId(), d.domain(), c, u, d.posture(), "gate " + a.gateId() + " waits for a "
                + a.approverRole() + ": " + a.reason(), "/api/v1/approvals/" + a.approvalId(), approvalData(a, due));
    }

    private static Map<String, Object> approvalData(Records.Approval a, Instant due) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("approvalId", a.approvalId());
        data.put("decisionId", a.decisionId());
        data.put("gateId", a.gateId());
        data.put("approverRole", a.approverRole());
        data.put("ruleId", a.ruleId());
        data.put("openedAt", a.openedAt().toString());
        data.put("dueAt", due.toString());
        return data;
    }

    private Notice incidentNotice(NoticeKind kind, Records.Incident i, String domain, List<String> teams, Urgency u, String posture,
                                  Instant at, String note) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("incidentId", i.incidentId());
        data.put("decisionId", i.decisionId());
        data.put("reason", i.reason());
        data.put("status", i.status());
        Optional.ofNullable(note).ifPresent(n -> data.put("note", n));
        List<String> all = new ArrayList<>(teams);
        all.add(u.toTeam());
        return new Notice(Notice.eventId(kind, i.incidentId()), kind.wire(), at, i.contractId(), domain, all, u.level(posture).wire(),
                u.urgent(), "incident " + i.incidentId() + " (" + i.reason() + ") on " + i.contractId() + " is " + i.status(),
                "/api/v1/incidents/" + i.incidentId(), data);
    }

    private static Notice notice(NoticeKind kind, String subject, Instant at, String contractId, String domain, HandoffContract c,
                                 Urgency u, String posture, String summary, String link, Map<String, Object> data, String... teams) {
        List<String> all = new ArrayList<>(teams(c));
        all.addAll(List.of(teams));
        all.add(u.toTeam());
        return new Notice(Notice.eventId(kind, subject), kind.wire(), at, contractId, domain, all, u.level(posture).wire(), u.urgent(),
                summary, link, data);
    }

    private static List<String> teams(HandoffContract c) {
        List<String> teams = new ArrayList<>();
        if (c != null && c.from() != null) {
            teams.add(c.from().team());
        }
        if (c != null && c.to() != null) {
            teams.add(c.to().team());
        }
        return teams;
    }
}
