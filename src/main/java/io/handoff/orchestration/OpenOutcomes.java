package io.handoff.orchestration;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Outcomes that still ask for someone's action: a bounced-back, reopened or SLA-breached report that is its contract's
 * latest word: no later decision (a resubmission) and no later accepted or resolved report. Same SQL on H2 and
 * PostgreSQL.
 */
final class OpenOutcomes {
    static final List<String> ADVERSE = List.of("bounced-back", "reopened", "sla-breached");

    private final JdbcTemplate jdbc;

    OpenOutcomes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<Records.OutcomeReport> list(int limit) {
        return jdbc.query("SELECT o.* FROM outcome_report o JOIN handoff h ON h.contract_id = o.contract_id "
                        + "WHERE o.kind IN ('bounced-back', 'reopened', 'sla-breached', 'slipped', 'launch-rolled-back') AND h.decided_at <= o.recorded_at "
                        + "AND NOT EXISTS (SELECT 1 FROM outcome_report r WHERE r.contract_id = o.contract_id "
                        + "AND r.kind IN ('accepted', 'resolved', 'shipped') AND r.occurred_at > o.occurred_at) "
                        + "ORDER BY o.recorded_at, o.id LIMIT " + limit,
                HandoffStore::outcome);
    }
}
