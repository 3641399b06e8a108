package io.handoff.decision;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The idempotency keys of {@code POST /api/v1/decisions} (table {@code idempotency_key}): one row per (principal, key),
 * kept for {@code retention} and then forgotten (a key older than that is free again). The primary key is what keeps
 * two concurrent requests with one key from recording two decisions: the second insert fails its whole transaction.
 */
public final class IdempotencyKeys {
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration retention;

    public IdempotencyKeys(JdbcTemplate jdbc, Clock clock, Duration retention) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.retention = retention;
    }

    public Duration retention() {
        return retention;
    }

    /** The live claim of this key by this principal; an expired one is deleted and does not count. */
    Optional<IdempotencyClaim> find(String principal, String key) {
        Optional<IdempotencyClaim> found = jdbc.query("SELECT * FROM idempotency_key WHERE principal = ? AND idempotency_key = ?",
                IdempotencyKeys::claim, principal, key).stream().findFirst();
        if (found.isPresent() && found.get().createdAt().isBefore(clock.instant().minus(retention))) {
            jdbc.update("DELETE FROM idempotency_key WHERE principal = ? AND idempotency_key = ? AND created_at = ?",
                    principal, key, ts(found.get().createdAt()));
            return Optional.empty();
        }
        return found;
    }

    /** Inserts the claims in the caller's transaction (the decisions' group commit); a taken key fails it. */
    public void insertAll(List<IdempotencyClaim> claims) {
        if (!claims.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO idempotency_key (principal, idempotency_key, input_hash, decision_id, contract_id, "
                    + "response, created_at) VALUES (?,?,?,?,?,?,?)", claims.stream().map(c -> new Object[] {c.principal(), c.key(),
                    c.inputHash(), c.decisionId(), c.contractId(), c.response(), ts(c.createdAt())}).toList());
        }
    }

    /** Takes a key for an answer that recorded nothing new (an unchanged resubmission); false when it was taken first. */
    boolean claim(IdempotencyClaim claim) {
        try {
            insertAll(List.of(claim));
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }

    /** Forgets keys older than the retention; returns how many. */
    public int purge() {
        return jdbc.update("DELETE FROM idempotency_key WHERE created_at < ?", ts(clock.instant().minus(retention)));
    }

    private static OffsetDateTime ts(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static IdempotencyClaim claim(ResultSet rs, int row) throws SQLException {
        return new IdempotencyClaim(rs.getString("principal"), rs.getString("idempotency_key"), rs.getString("input_hash"),
                rs.getString("decision_id"), rs.getString("contract_id"), rs.getString("response"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
