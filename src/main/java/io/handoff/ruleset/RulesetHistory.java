package io.handoff.ruleset;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/** The durable lifecycle history of ruleset versions: submitted, rejected, passed, promoted, rolled back. */
public final class RulesetHistory {
    private final JdbcTemplate jdbc;

    public RulesetHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One lifecycle step: which version, what happened, who did it, why, and details (JSON). */
    public record Event(long id, String version, String event, String actor, String reason, String details, Instant at) {
    }

    void record(String version, String event, String actor, String reason, String details, Instant at) {
        jdbc.update("INSERT INTO ruleset_event (version, event, actor, reason, details, at) VALUES (?,?,?,?,?,?)",
                version, event, actor, reason == null ? "" : reason, details == null ? "{}" : details,
                OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
    }

    /** The newest event id (0 when none): where a follower starts looking for candidates passed elsewhere. */
    long lastId() {
        return jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) FROM ruleset_event", Long.class);
    }

    /** Versions that passed their cases after event {@code id}, with the id of each "passed" event, oldest first. */
    List<Event> passedAfter(long id) {
        return jdbc.query("SELECT id, version, event, actor, reason, details, at FROM ruleset_event WHERE id > ? AND event = 'passed' "
                        + "ORDER BY id", (rs, n) -> new Event(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class).toInstant()), id);
    }

    /** Whether the version passed its cases on some instance. */
    boolean passed(String version) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM ruleset_event WHERE version = ? AND event = 'passed'", Integer.class, version) > 0;
    }

    public List<Event> latest(int limit) {
        return jdbc.query("SELECT id, version, event, actor, reason, details, at FROM ruleset_event ORDER BY id DESC LIMIT " + limit,
                (rs, n) -> new Event(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getObject(7, OffsetDateTime.class).toInstant()));
    }
}
