package io.handoff.notify;

import io.handoff.text.Shortened;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

/** JDBC access to the {@code notification} table (V23); the same SQL on H2 and PostgreSQL. */
final class OutboxStore {
    private final JdbcTemplate jdbc;

    OutboxStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    void insert(List<Delivery> deliveries) {
        if (!deliveries.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO notification (id, event_id, webhook, kind, contract_id, severity, body, status, attempts, "
                    + "claims, next_attempt_at, created_at) VALUES (?,?,?,?,?,?,?,?,0,0,?,?)", deliveries.stream().map(d -> new Object[] {
                    d.deliveryId(), d.eventId(), d.webhook(), d.kind(), d.contractId(), d.severity(), d.body(), d.status(),
                    ts(d.nextAttemptAt()), ts(d.createdAt())}).toList());
        }
    }

    boolean exists(String deliveryId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM notification WHERE id = ?", Integer.class, deliveryId) > 0;
    }

    /** Pending deliveries due at {@code now}, oldest due first. */
    List<Delivery.Claimable> due(Instant now, int limit) {
        return jdbc.query("SELECT * FROM notification WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id "
                + "LIMIT " + limit, (rs, n) -> new Delivery.Claimable(delivery(rs, n), rs.getInt("claims")), ts(now));
    }

    /**
     * Claims a due delivery for one send: moves its next try to the end of the lease, so no other sender (thread or
     * instance) takes it meanwhile, and one that dies mid-send leaves it to be sent again once the lease ends.
     */
    boolean claim(String id, int claims, Instant leaseEnds) {
        return jdbc.update("UPDATE notification SET claims = claims + 1, next_attempt_at = ? WHERE id = ? AND claims = ? "
                + "AND status = 'pending'", ts(leaseEnds), id, claims) == 1;
    }

    void delivered(String id, int attempts, int status, Instant at) {
        jdbc.update("UPDATE notification SET status = 'delivered', attempts = ?, last_status = ?, last_error = NULL, delivered_at = ? "
                + "WHERE id = ?", attempts, status, ts(at), id);
    }

    void failed(String id, int attempts, Integer status, String error, Instant next, boolean dead) {
        jdbc.update("UPDATE notification SET status = ?, attempts = ?, last_status = ?, last_error = ?, next_attempt_at = ? WHERE id = ?",
                dead ? Delivery.DEAD : Delivery.PENDING, attempts, status, cut(error), ts(next), id);
    }

    /** Puts a dead delivery back in line, with its tries counted afresh; false when it is not dead. */
    boolean revive(String id, Instant now) {
        return jdbc.update("UPDATE notification SET status = 'pending', attempts = 0, next_attempt_at = ? WHERE id = ? "
                + "AND status = 'dead'", ts(now), id) == 1;
    }

    Optional<Delivery> find(String id) {
        return jdbc.query("SELECT * FROM notification WHERE id = ?", OutboxStore::delivery, id).stream().findFirst();
    }

    List<Delivery> list(String status, String eventId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM notification WHERE 1 = 1");
        List<Object> params = new java.util.ArrayList<>();
        if (status != null) {
            sql.append(" AND status = ?");
            params.add(status);
        }
        if (eventId != null) {
            sql.append(" AND event_id = ?");
            params.add(eventId);
        }
        sql.append(" ORDER BY created_at DESC, id LIMIT ").append(limit);
        return jdbc.query(sql.toString(), OutboxStore::delivery, params.toArray());
    }

    private static String cut(String error) {
        return error == null ? null : Shortened.within(error, 2000, "…");
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Delivery delivery(ResultSet rs, int row) throws SQLException {
        int code = rs.getInt("last_status");
        Integer lastStatus = rs.wasNull() ? null : code;
        return new Delivery(rs.getString("id"), rs.getString("event_id"), rs.getString("webhook"), rs.getString("kind"),
                rs.getString("contract_id"), rs.getString("severity"), rs.getString("status"), rs.getInt("attempts"),
                instant(rs, "next_attempt_at"), lastStatus, rs.getString("last_error"),
                instant(rs, "created_at"), instant(rs, "delivered_at"), rs.getString("body"));
    }
}
