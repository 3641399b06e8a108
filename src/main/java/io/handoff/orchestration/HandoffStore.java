package io.handoff.orchestration;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.postgresql.PGStatement;
import org.springframework.jdbc.core.JdbcTemplate;

/** JDBC access to the orchestration tables (V3); the same SQL on H2 and PostgreSQL. */
final class HandoffStore {
    private final JdbcTemplate jdbc;

    HandoffStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    // ---- handoff

    Optional<HandoffState> handoff(String contractId) {
        return jdbc.query("SELECT * FROM handoff WHERE contract_id = ?", HandoffStore::handoff, contractId).stream().findFirst();
    }

    void saveHandoff(HandoffState h) {
        int updated = jdbc.update("UPDATE handoff SET decision_id = ?, domain = ?, handoff_type = ?, customer_tier = ?, "
                        + "sender_team = ?, sender_actor = ?, submitted_by = ?, ruleset_version = ?, decided_at = ?, decision_outcome = ?, score = ?, "
                        + "fired_rules = ?, status = ?, posture = ?, enforced = ?, max_attempts = ?, backoff_seconds = ?, attempts = ?, "
                        + "failures = ?, next_attempt_at = ?, updated_at = ? WHERE contract_id = ?",
                h.decisionId(), h.domain(), h.handoffType(), h.customerTier(), h.senderTeam(), h.senderActor(),
                h.submittedBy(), h.rulesetVersion(), ts(h.decidedAt()), h.decisionOutcome(), h.score(), h.firedRules(), h.status(), h.posture(),
                h.enforced(), h.maxAttempts(), h.backoffSeconds(), h.attempts(), h.failures(), ts(h.nextAttemptAt()),
                ts(h.updatedAt()), h.contractId());
        if (updated == 0) {
            jdbc.update("INSERT INTO handoff (contract_id, decision_id, domain, handoff_type, customer_tier, sender_team, "
                            + "sender_actor, submitted_by, ruleset_version, decided_at, decision_outcome, score, fired_rules, status, posture, "
                            + "enforced, max_attempts, backoff_seconds, attempts, failures, next_attempt_at, updated_at) "
                            + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    h.contractId(), h.decisionId(), h.domain(), h.handoffType(), h.customerTier(), h.senderTeam(),
                    h.senderActor(), h.submittedBy(), h.rulesetVersion(), ts(h.decidedAt()), h.decisionOutcome(), h.score(), h.firedRules(),
                    h.status(), h.posture(), h.enforced(), h.maxAttempts(), h.backoffSeconds(), h.attempts(), h.failures(),
                    ts(h.nextAttemptAt()), ts(h.updatedAt()));
        }
    }

    /**
     * The stored state of these contracts, by contract id: one statement whatever the number of ids (an array
     * parameter, {@code = ANY(?)}), so the database parses it once instead of once per batch size. On PostgreSQL it
     * is planned with its actual ids at every execution ({@link #plannedEachTime}).
     */
    Map<String, HandoffState> handoffs(List<String> contractIds) {
        Map<String, HandoffState> found = new HashMap<>();
        jdbc.query(connection -> {
            var statement = plannedEachTime(connection.prepareStatement("SELECT * FROM handoff WHERE contract_id = ANY(?)"));
            statement.setArray(1, connection.createArrayOf("VARCHAR", contractIds.toArray()));
            return statement;
        }, (org.springframework.jdbc.core.RowCallbackHandler) rs -> {
            HandoffState h = handoff(rs, 0);
            found.put(h.contractId(), h);
        });
        return found;
    }

    /**
     * Keeps PostgreSQL from caching a generic plan for this statement. A server-prepared statement switches to a
     * generic plan after five executions and keeps it until the table's statistics change; for {@code = ANY(?)} the
     * plan made while the table was small is a sequential scan, and a server whose autovacuum is off never analyzes
     * the table, so every group commit went on scanning it as it grew (16,038 scans reading 219 M rows in one
     * benchmark). Unnamed statements are planned with their parameters each time: one short planning per commit.
     */
    static PreparedStatement plannedEachTime(PreparedStatement statement) throws SQLException {
        if (statement.isWrapperFor(PGStatement.class)) {
            statement.unwrap(PGStatement.class).setPrepareThreshold(0);
        }
        return statement;
    }

    /** Batch form of {@link #saveHandoff}: updates the stored ones, inserts the new ones. */
    void saveHandoffs(List<HandoffState> updates, List<HandoffState> inserts) {
        if (!updates.isEmpty()) {
            jdbc.batchUpdate("UPDATE handoff SET decision_id = ?, domain = ?, handoff_type = ?, customer_tier = ?, "
                    + "sender_team = ?, sender_actor = ?, submitted_by = ?, ruleset_version = ?, decided_at = ?, decision_outcome = ?, score = ?, "
                    + "fired_rules = ?, status = ?, posture = ?, enforced = ?, max_attempts = ?, backoff_seconds = ?, attempts = ?, "
                    + "failures = ?, next_attempt_at = ?, updated_at = ? WHERE contract_id = ?", updates.stream().map(h -> new Object[] {
                    h.decisionId(), h.domain(), h.handoffType(), h.customerTier(), h.senderTeam(), h.senderActor(),
                    h.submittedBy(), h.rulesetVersion(), ts(h.decidedAt()), h.decisionOutcome(), h.score(), h.firedRules(), h.status(), h.posture(),
                    h.enforced(), h.maxAttempts(), h.backoffSeconds(), h.attempts(), h.failures(), ts(h.nextAttemptAt()),
                    ts(h.updatedAt()), h.contractId()}).toList());
        }
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO handoff (contract_id, decision_id, domain, handoff_type, customer_tier, sender_team, "
                    + "sender_actor, submitted_by, ruleset_version, decided_at, decision_outcome, score, fired_rules, status, posture, "
                    + "enforced, max_attempts, backoff_seconds, attempts, failures, next_attempt_at, updated_at) "
                    + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", inserts.stream().map(h -> new Object[] {
                    h.contractId(), h.decisionId(), h.domain(), h.handoffType(), h.customerTier(), h.senderTeam(),
                    h.senderActor(), h.submittedBy(), h.rulesetVersion(), ts(h.decidedAt()), h.decisionOutcome(), h.score(), h.firedRules(),
                    h.status(), h.posture(), h.enforced(), h.maxAttempts(), h.backoffSeconds(), h.attempts(), h.failures(),
                    ts(h.nextAttemptAt()), ts(h.updatedAt())}).toList());
        }
    }

    /** Rewrites stored approvals by id: a pending one moved to a revision, or closed as superseded by it. */
    void updateApprovals(List<Records.Approval> approvals) {
        if (!approvals.isEmpty()) {
            jdbc.batchUpdate("UPDATE approval SET decision_id = ?, reason = ?, rule_id = ?, status = ?, comment = ?, decided_at = ? "
                    + "WHERE id = ? AND status = 'pending'", approvals.stream().map(a -> new Object[] {a.decisionId(), a.reason(),
                    a.ruleId(), a.status(), a.comment(), ts(a.decidedAt()), a.approvalId()}).toList());
        }
    }

    void insertApprovals(List<Records.Approval> approvals) {
        if (!approvals.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO approval (id, decision_id, contract_id, gate_id, approver_role, reason, rule_id, status, "
                    + "opened_at, decided_by, decided_role, comment, decided_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    approvals.stream().map(a -> new Object[] {a.approvalId(), a.decisionId(), a.contractId(), a.gateId(),
                            a.approverRole(), a.reason(), a.ruleId(), a.status(), ts(a.openedAt()), a.decidedBy(), a.decidedRole(),
                            a.comment(), ts(a.decidedAt())}).toList());
        }
    }

    void insertIncidents(List<Map.Entry<Records.Incident, String>> incidents) {
        if (!incidents.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO incident (id, contract_id, decision_id, reason, status, posture, opened_at, packet) VALUES (?,?,?,?,?,?,?,?)",
                    incidents.stream().map(e -> new Object[] {e.getKey().incidentId(), e.getKey().contractId(), e.getKey().decisionId(),
                            e.getKey().reason(), e.getKey().status(), e.getKey().posture(), ts(e.getKey().openedAt()), e.getValue()}).toList());
        }
    }

    private static HandoffState handoff(ResultSet rs, int row) throws SQLException {
        return new HandoffState(rs.getString("contract_id"), rs.getString("decision_id"), rs.getString("domain"),
                rs.getString("handoff_type"), rs.getString("customer_tier"), rs.getString("sender_team"),
                rs.getString("sender_actor"), rs.getString("submitted_by"), rs.getString("ruleset_version"), instant(rs, "decided_at"),
                rs.getString("decision_outcome"), rs.getInt("score"), rs.getString("fired_rules"), rs.getString("status"),
                rs.getString("posture"), rs.getBoolean("enforced"), rs.getInt("max_attempts"), rs.getInt("backoff_seconds"),
                rs.getInt("attempts"), rs.getInt("failures"), instant(rs, "next_attempt_at"), instant(rs, "updated_at"));
    }

    Optional<Instant> firstDecidedAt() {
        return Optional.ofNullable(jdbc.queryForObject("SELECT MIN(decided_at) FROM handoff", OffsetDateTime.class))
                .map(OffsetDateTime::toInstant);
    }

    /** Handoffs waiting on their sender: returned, or retrying after failed attempts. */
    List<HandoffState> unresolved() {
        return jdbc.query("SELECT * FROM handoff WHERE status IN ('returned', 'retrying') ORDER BY updated_at LIMIT 500",
                HandoffStore::handoff);
    }

    /** Handoffs decided in [from, to), optionally of one ruleset version, oldest first. */
    List<HandoffState> decidedBetween(Instant from, Instant to, String rulesetVersion) {
        StringBuilder sql = new StringBuilder("SELECT * FROM handoff WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (from != null) {
            sql.append(" AND decided_at >= ?");
            params.add(ts(from));
        }
        if (to != null) {
            sql.append(" AND decided_at < ?");
            params.add(ts(to));
        }
        if (rulesetVersion != null) {
            sql.append(" AND ruleset_version = ?");
            params.add(rulesetVersion);
        }
        sql.append(" ORDER BY decided_at, contract_id");
        return jdbc.query(sql.toString(), HandoffStore::handoff, params.toArray());
    }

    // ---- approvals

    void insertApproval(Records.Approval a) {
        jdbc.update("INSERT INTO approval (id, decision_id, contract_id, gate_id, approver_role, reason, rule_id, status, "
                        + "opened_at) VALUES (?,?,?,?,?,?,?,?,?)", a.approvalId(), a.decisionId(), a.contractId(), a.gateId(),
                a.approverRole(), a.reason(), a.ruleId(), a.status(), ts(a.openedAt()));
    }

    Optional<Records.Approval> approval(String id) {
        return jdbc.query("SELECT * FROM approval WHERE id = ?", HandoffStore::approval, id).stream().findFirst();
    }

    /** Decides a pending approval; false when it was no longer pending (someone decided it first). */
    boolean decideApproval(String id, String status, Actor by, String role, String comment, Instant at) {
        return jdbc.update("UPDATE approval SET status = ?, decided_by = ?, decided_on_behalf_of = ?, decided_role = ?, comment = ?, "
                + "decided_at = ? WHERE id = ? AND status = 'pending'", status, by.principal(), by.onBehalfOf(), role, comment,
                ts(at), id) == 1;
    }

    int cancelPending(String decisionId, String status, String why, Instant at) {
        return jdbc.update("UPDATE approval SET status = ?, comment = ?, decided_at = ? WHERE decision_id = ? AND status = 'pending'",
                status, why, ts(at), decisionId);
    }

    List<Records.Approval> approvalsOf(String decisionId) {
        return jdbc.query("SELECT * FROM approval WHERE decision_id = ? ORDER BY gate_id", HandoffStore::approval, decisionId);
    }

    List<Records.Approval> approvalsOfContract(String contractId) {
        return jdbc.query("SELECT * FROM approval WHERE contract_id = ? ORDER BY opened_at, gate_id", HandoffStore::approval,
                contractId);
    }

    List<Records.Approval> approvals(String role, String status, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM approval WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (role != null) {
            sql.append(" AND approver_role = ?");
            params.add(role);
        }
        if (status != null) {
            sql.append(" AND status = ?");
            params.add(status);
        }
        sql.append(" ORDER BY opened_at, id LIMIT ").append(limit);
        return jdbc.query(sql.toString(), HandoffStore::approval, params.toArray());
    }

    private static Records.Approval approval(ResultSet rs, int row) throws SQLException {
        return new Records.Approval(rs.getString("id"), rs.getString("decision_id"), rs.getString("contract_id"),
                rs.getString("gate_id"), rs.getString("approver_role"), rs.getString("reason"), rs.getString("rule_id"),
                rs.getString("status"), instant(rs, "opened_at"), rs.getString("decided_by"), rs.getString("decided_on_behalf_of"),
                rs.getString("decided_role"),
                rs.getString("comment"), instant(rs, "decided_at"));
    }

    // ---- attempts

    void insertAttempt(Records.Attempt a) {
        jdbc.update("INSERT INTO handoff_attempt (id, contract_id, decision_id, attempt_no, result, detail, at, recorded_at) "
                        + "VALUES (?,?,?,?,?,?,?,?)", a.attemptId(), a.contractId(), a.decisionId(), a.attemptNo(), a.result(),
                a.detail(), ts(a.at()), ts(a.recordedAt()));
    }

    /** The highest attempt number stored for the contract, 0 when none: attempt numbers never repeat. */
    int lastAttemptNo(String contractId) {
        Integer last = jdbc.queryForObject("SELECT MAX(attempt_no) FROM handoff_attempt WHERE contract_id = ?", Integer.class,
                contractId);
        return last == null ? 0 : last;
    }

    Optional<Records.Attempt> attempt(String id) {
        return jdbc.query("SELECT * FROM handoff_attempt WHERE id = ?", HandoffStore::attempt, id).stream().findFirst();
    }

    List<Records.Attempt> attemptsOf(String contractId) {
        return jdbc.query("SELECT * FROM handoff_attempt WHERE contract_id = ? ORDER BY attempt_no", HandoffStore::attempt,
                contractId);
    }

    private static Records.Attempt attempt(ResultSet rs, int row) throws SQLException {
        return new Records.Attempt(rs.getString("id"), rs.getString("contract_id"), rs.getString("decision_id"),
                rs.getInt("attempt_no"), rs.getString("result"), rs.getString("detail"), instant(rs, "at"),
                instant(rs, "recorded_at"));
    }

    // ---- incidents

    boolean insertIncident(Records.Incident i, String packet) {
        if (jdbc.queryForObject("SELECT COUNT(*) FROM incident WHERE decision_id = ? AND reason = ?", Integer.class,
                i.decisionId(), i.reason()) > 0) {
            return false;
        }
        jdbc.update("INSERT INTO incident (id, contract_id, decision_id, reason, status, posture, opened_at, packet) VALUES (?,?,?,?,?,?,?,?)",
                i.incidentId(), i.contractId(), i.decisionId(), i.reason(), i.status(), i.posture(), ts(i.openedAt()), packet);
        return true;
    }

    Optional<Records.Incident> incident(String id) {
        return jdbc.query("SELECT * FROM incident WHERE id = ?", HandoffStore::incident, id).stream().findFirst();
    }

    List<Records.Incident> incidents(String status, String contractId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM incident WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (status != null) {
            sql.append(" AND status = ?");
            params.add(status);
        }
        if (contractId != null) {
            sql.append(" AND contract_id = ?");
            params.add(contractId);
        }
        sql.append(" ORDER BY opened_at DESC, id LIMIT ").append(limit);
        return jdbc.query(sql.toString(), HandoffStore::incident, params.toArray());
    }

    boolean acknowledge(String id, Actor by, Instant at) {
        return jdbc.update("UPDATE incident SET status = 'acknowledged', acknowledged_by = ?, acknowledged_on_behalf_of = ?, "
                + "acknowledged_at = ? WHERE id = ? AND status = 'open'", by.principal(), by.onBehalfOf(), ts(at), id) == 1;
    }

    boolean resolve(String id, Actor by, String resolution, Instant at) {
        return jdbc.update("UPDATE incident SET status = 'resolved', resolved_by = ?, resolved_on_behalf_of = ?, resolution = ?, "
                + "resolved_at = ? WHERE id = ? AND status <> 'resolved'", by.principal(), by.onBehalfOf(), resolution, ts(at), id) == 1;
    }

    private static Records.Incident incident(ResultSet rs, int row) throws SQLException {
        return new Records.Incident(rs.getString("id"), rs.getString("contract_id"), rs.getString("decision_id"),
                rs.getString("reason"), rs.getString("status"), rs.getString("posture"), instant(rs, "opened_at"), rs.getString("acknowledged_by"),
                rs.getString("acknowledged_on_behalf_of"), instant(rs, "acknowledged_at"), rs.getString("resolved_by"),
                rs.getString("resolved_on_behalf_of"), rs.getString("resolution"),
                instant(rs, "resolved_at"));
    }

    // ---- outcomes

    Optional<Records.OutcomeReport> outcome(String contractId, String kind, Instant occurredAt) {
        return jdbc.query("SELECT * FROM outcome_report WHERE contract_id = ? AND kind = ? AND occurred_at = ?",
                HandoffStore::outcome, contractId, kind, ts(occurredAt)).stream().findFirst();
    }

    void insertOutcome(Records.OutcomeReport o) {
        jdbc.update("INSERT INTO outcome_report (id, contract_id, decision_id, kind, occurred_at, note, reported_by, recorded_at, "
                        + "reason_code, slip_days, metric_name, metric_value, metric_met) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                o.outcomeId(), o.contractId(), o.decisionId(), o.kind(), ts(o.occurredAt()), o.note(), o.reportedBy(),
                ts(o.recordedAt()), o.reasonCode(), o.slipDays(), o.metric(), o.value(), o.metricMet());
        HistoryIndex.reported(jdbc, o.contractId(), o.kind(), o.occurredAt());
    }

    List<Records.OutcomeReport> outcomesOf(String contractId) {
        return jdbc.query("SELECT * FROM outcome_report WHERE contract_id = ? ORDER BY occurred_at, kind", HandoffStore::outcome,
                contractId);
    }

    /** Every outcome of the given decisions' contracts, for the scorecard. */
    List<Records.OutcomeReport> outcomesBetween(Instant decidedFrom, Instant decidedTo) {
        StringBuilder sql = new StringBuilder("SELECT o.* FROM outcome_report o JOIN handoff h ON h.contract_id = o.contract_id "
                + "AND h.decision_id = o.decision_id WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (decidedFrom != null) {
            sql.append(" AND h.decided_at >= ?");
            params.add(ts(decidedFrom));
        }
        if (decidedTo != null) {
            sql.append(" AND h.decided_at < ?");
            params.add(ts(decidedTo));
        }
        return jdbc.query(sql.toString(), HandoffStore::outcome, params.toArray());
    }

    static Records.OutcomeReport outcome(ResultSet rs, int row) throws SQLException {
        return new Records.OutcomeReport(rs.getString("id"), rs.getString("contract_id"), rs.getString("decision_id"),
                rs.getString("kind"), instant(rs, "occurred_at"), rs.getString("note"), rs.getString("reported_by"),
                instant(rs, "recorded_at"), rs.getString("reason_code"), rs.getObject("slip_days", Integer.class),
                rs.getString("metric_name"), rs.getObject("metric_value", Double.class), rs.getObject("metric_met", Boolean.class));
    }

    // ---- timeline

    void insertTransition(String contractId, Records.Transition t) {
        jdbc.update("INSERT INTO handoff_transition (contract_id, decision_id, record_id, from_status, to_status, from_posture, "
                        + "to_posture, cause, at) VALUES (?,?,?,?,?,?,?,?,?)", contractId, t.decisionId(), t.recordId(),
                t.fromStatus(), t.toStatus(), t.fromPosture(), t.toPosture(), t.cause(), ts(t.at()));
    }

    List<Records.Transition> timeline(String contractId) {
        return jdbc.query("SELECT * FROM handoff_transition WHERE contract_id = ? ORDER BY id",
                (rs, n) -> new Records.Transition(rs.getString("decision_id"), rs.getString("record_id"),
                        rs.getString("from_status"), rs.getString("to_status"), rs.getString("from_posture"),
                        rs.getString("to_posture"), rs.getString("cause"), instant(rs, "at")), contractId);
    }

    /** Approval turnaround: every decided approval of handoffs decided in the window, with its opening and deciding time. */
    List<Records.Approval> decidedApprovalsBetween(Instant from, Instant to) {
        StringBuilder sql = new StringBuilder("SELECT a.* FROM approval a JOIN handoff h ON h.decision_id = a.decision_id "
                + "WHERE a.status IN ('approved', 'rejected')");
        List<Object> params = new ArrayList<>();
        if (from != null) {
            sql.append(" AND h.decided_at >= ?");
            params.add(ts(from));
        }
        if (to != null) {
            sql.append(" AND h.decided_at < ?");
            params.add(ts(to));
        }
        return jdbc.query(sql.toString(), HandoffStore::approval, params.toArray());
    }

}
