package io.handoff.orchestration;

import io.handoff.text.Shortened;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.handoff.audit.AuditEntry;
import io.handoff.audit.AuditLog;
import io.handoff.audit.AuditQuery;
import io.handoff.audit.AuditRecord;
import io.handoff.ruleset.RollbackListener;

/**
 * Ruleset-level incidents: a rollback (automatic or manual) opens one, in the rollback's transaction, for the version
 * it took off live traffic. It lists the decisions that version made since it was promoted, read from the audit log
 * when the incident is read (kind decision, that ruleset version, from its promotion until shortly after the rollback,
 * for decisions in flight), each with where its handoff stands now: what {@link Recovery} can re-decide.
 */
public final class RulesetIncidents implements RollbackListener {
    /** Decisions of the rolled-back version that were being evaluated as it was rolled back still count. */
    static final Duration IN_FLIGHT = Duration.ofMinutes(1);
    /** At most this many decisions are listed (and re-decided by one call). */
    static final int MAX_DECISIONS = 5000;
    private final JdbcTemplate jdbc;
    private final AuditLog auditLog;
    private final HandoffStore store;

    RulesetIncidents(JdbcTemplate jdbc, AuditLog auditLog, HandoffStore store) {
        this.jdbc = jdbc;
        this.auditLog = auditLog;
        this.store = store;
    }

    /** A rollback of {@code version}: what went wrong, who rolled it back, and the window in which it decided traffic. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Incident(String incidentId, String version, String rolledBackTo, String event, String actor, String reason,
                           String status, Instant promotedAt, Instant openedAt, String resolvedBy, String resolution,
                           Instant resolvedAt) {
    }

    /**
     * One decision of the rolled-back version and where its handoff stands: {@code redecidable} when the handoff is open
     * and still stands on a decision of that version; {@code openIncidents} those this version's decisions opened.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Listed(String decisionId, String contractId, String outcome, String posture, Instant recordedAt,
                         String handoffStatus, String currentDecisionId, String currentRulesetVersion,
                         List<String> openIncidents, boolean redecidable) {
    }

    /** The incident with the decisions it lists. */
    public record View(Incident incident, int decisionCount, int redecidable, List<Listed> decisions) {
    }

    @Override
    public void rolledBack(RolledBack r) {
        jdbc.update("INSERT INTO ruleset_incident (id, version, rolled_back_to, event, actor, reason, status, promoted_at, opened_at) "
                        + "VALUES (?,?,?,?,?,?,?,?,?)", UUID.randomUUID().toString(), r.version(), r.to(), r.event(), r.actor(),
                cut(r.reason()), IncidentStatus.OPEN.wire(), HandoffStore.ts(r.promotedAt()), HandoffStore.ts(r.at()));
    }

    public List<Incident> list(String version, int limit) {
        return version == null
                ? jdbc.query("SELECT * FROM ruleset_incident ORDER BY opened_at DESC, id LIMIT " + limit, RulesetIncidents::incident)
                : jdbc.query("SELECT * FROM ruleset_incident WHERE version = ? ORDER BY opened_at DESC, id LIMIT " + limit,
                RulesetIncidents::incident, version);
    }

    public Optional<Incident> find(String id) {
        return jdbc.query("SELECT * FROM ruleset_incident WHERE id = ?", RulesetIncidents::incident, id).stream().findFirst();
    }

    public Optional<View> view(String id) {
        return find(id).map(incident -> {
            List<AuditRecord> decisions = decisions(incident);
            List<String> ids = decisions.stream().map(AuditRecord::decisionId).toList();
            Map<String, HandoffState> handoffs = store.handoffs(decisions.stream().map(AuditRecord::contractId).distinct().toList());
            Map<String, List<String>> open = openIncidents(handoffs.keySet(), ids);
            List<Listed> listed = new ArrayList<>();
            for (AuditRecord d : decisions) {
                HandoffState h = handoffs.get(d.contractId());
                listed.add(new Listed(d.decisionId(), d.contractId(), d.outcome(), d.posture(), d.recordedAt(),
                        h == null ? null : h.status(), h == null ? null : h.decisionId(), h == null ? null : h.rulesetVersion(),
                        open.getOrDefault(d.decisionId(), List.of()), h != null && h.decisionId().equals(d.decisionId())
                        && !h.closed() && h.rulesetVersion().equals(incident.version())));
            }
            return new View(incident, listed.size(), (int) listed.stream().filter(Listed::redecidable).count(), listed);
        });
    }

    /** The decisions the rolled-back version made in its window, oldest first. */
    List<AuditRecord> decisions(Incident incident) {
        List<AuditRecord> records = new ArrayList<>();
        AuditQuery query = new AuditQuery(null, null, null, null, incident.version(), null, null, incident.promotedAt(),
                incident.openedAt().plus(IN_FLIGHT), null, AuditEntry.DECISION);
        auditLog.stream(query, r -> {
            if (records.size() < MAX_DECISIONS) {
                records.add(r);
            }
        });
        return records;
    }

    /** Open or acknowledged handoff incidents of these contracts opened by one of {@code decisionIds}, by decision. */
    private Map<String, List<String>> openIncidents(java.util.Collection<String> contractIds, List<String> decisionIds) {
        java.util.Set<String> of = new java.util.HashSet<>(decisionIds);
        Map<String, List<String>> open = new LinkedHashMap<>();
        for (String contractId : contractIds) {
            for (Records.Incident i : store.incidents(null, contractId, 100)) {
                if (!IncidentStatus.RESOLVED.is(i.status()) && of.contains(i.decisionId())) {
                    open.computeIfAbsent(i.decisionId(), k -> new ArrayList<>()).add(i.incidentId());
                }
            }
        }
        return open;
    }

    boolean resolve(String id, String by, String resolution, Instant at) {
        return jdbc.update("UPDATE ruleset_incident SET status = 'resolved', resolved_by = ?, resolution = ?, resolved_at = ? "
                + "WHERE id = ? AND status <> 'resolved'", by, cut(resolution), HandoffStore.ts(at), id) == 1;
    }

    private static String cut(String text) {
        String t = text == null || text.isBlank() ? "-" : text;
        return Shortened.within(t, 2000, "…");
    }

    private static Incident incident(ResultSet rs, int row) throws SQLException {
        return new Incident(rs.getString("id"), rs.getString("version"), rs.getString("rolled_back_to"), rs.getString("event"),
                rs.getString("actor"), rs.getString("reason"), rs.getString("status"), HandoffStore.instant(rs, "promoted_at"),
                HandoffStore.instant(rs, "opened_at"), rs.getString("resolved_by"), rs.getString("resolution"),
                HandoffStore.instant(rs, "resolved_at"));
    }
}
