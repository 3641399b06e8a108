package io.handoff.orchestration;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The approvals and incidents standing on one decision: what the decision opened (or, for a revision, kept open), so
 * the decision's answer can link to them. Two primary-key-indexed reads (decision id leads both unique keys).
 */
public record Opened(List<String> approvalIds, List<String> incidentIds) {
    public Opened {
        approvalIds = List.copyOf(approvalIds);
        incidentIds = List.copyOf(incidentIds);
    }

    static Opened of(JdbcTemplate jdbc, String decisionId) {
        return new Opened(jdbc.queryForList("SELECT id FROM approval WHERE decision_id = ? ORDER BY gate_id", String.class, decisionId),
                jdbc.queryForList("SELECT id FROM incident WHERE decision_id = ? ORDER BY reason", String.class, decisionId));
    }
}
