package io.handoff.ruleset;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/** Shadow evaluations of candidates on live traffic, and their report. */
public final class ShadowStore {
    private final JdbcTemplate jdbc;

    public ShadowStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Counts and the most recent changed decisions of one candidate. */
    public record Report(String candidateVersion, long compared, long changed, double changeRate, List<Changed> recentChanges) {
    }

    public record Changed(String decisionId, String activeVersion, String differences) {
    }

    void record(String decisionId, String candidate, String active, List<String> differences, Instant at) {
        jdbc.update("INSERT INTO shadow_result (decision_id, candidate_version, active_version, changed, differences, at) "
                        + "VALUES (?,?,?,?,?,?)", decisionId, candidate, active, !differences.isEmpty(),
                String.join("; ", differences), OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
    }

    public Report report(String candidate) {
        long compared = jdbc.queryForObject("SELECT COUNT(*) FROM shadow_result WHERE candidate_version = ?", Long.class, candidate);
        long changed = jdbc.queryForObject("SELECT COUNT(*) FROM shadow_result WHERE candidate_version = ? AND changed = TRUE",
                Long.class, candidate);
        List<Changed> recent = jdbc.query("SELECT decision_id, active_version, differences FROM shadow_result "
                        + "WHERE candidate_version = ? AND changed = TRUE ORDER BY at DESC LIMIT 50",
                (rs, n) -> new Changed(rs.getString(1), rs.getString(2), rs.getString(3)), candidate);
        return new Report(candidate, compared, changed, compared == 0 ? 0 : (double) changed / compared, recent);
    }

    /** Every changed decision of one candidate's shadow run, newest first, up to {@code limit}: what a reviewer reads through. */
    public List<Changed> changes(String candidate, int limit) {
        return jdbc.query("SELECT decision_id, active_version, differences FROM shadow_result "
                        + "WHERE candidate_version = ? AND changed = TRUE ORDER BY at DESC LIMIT ?",
                (rs, n) -> new Changed(rs.getString(1), rs.getString(2), rs.getString(3)), candidate, limit);
    }
}
