package io.handoff.security;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.handoff.audit.AuditLog;

/**
 * API keys an admin creates and revokes over the API (table {@code api_key}). A new key's secret is
 * {@code hk_} + 32 random bytes (base64url) and is returned once; only its SHA-256 is stored. The active
 * keys are held in memory for at most {@link #REFRESH}, and reloaded at once after a create or revoke on
 * this instance, so a revoked key is refused from its next request (on other instances sharing the
 * database within {@link #REFRESH}). Every create and revoke is an audit record committed with the change.
 */
@Component
public final class StoredKeys {
    static final Duration REFRESH = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(StoredKeys.class);
    private static final String COLUMNS = "id, name, roles, created_at, created_by, revoked_at, revoked_by";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A stored key as admins see it: never its secret or hash. */
    public record StoredKey(String id, String name, List<String> roles, Instant createdAt, String createdBy,
                            Instant revokedAt, String revokedBy) {
        public StoredKey {
            roles = List.copyOf(roles);
        }
    }

    /** A key just created, with its secret: the only time the secret is available. */
    public record Created(StoredKey key, String secret) {
    }

    private record Snapshot(Map<String, ApiKeys.Caller> byHash, long loadedAtNanos) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final AuditLog auditLog;
    private final Clock clock;
    private final Set<String> configuredNames;
    private volatile Snapshot snapshot;

    StoredKeys(JdbcTemplate jdbc, TransactionTemplate transactions, AuditLog auditLog, Clock clock, SecurityProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.auditLog = auditLog;
        this.clock = clock;
        this.configuredNames = Set.copyOf(properties.keys().keySet());
    }

    /** Creates a key with these roles for {@code actor}; throws {@link KeyRequestException} when the request is invalid. */
    public Created create(String name, List<String> roles, String actor) {
        List<Role> parsed = KeyRequestRules.check(name, roles);
        if (configuredNames.contains(name) || nameTaken(name)) {
            throw duplicate(name);
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = "hk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Arrays.fill(random, (byte) 0);
        StoredKey key = new StoredKey(UUID.randomUUID().toString(), name,
                parsed.stream().map(role -> role.name().toLowerCase()).toList(),
                clock.instant().truncatedTo(ChronoUnit.MICROS), actor, null, null);
        try {
            // the key and its audit record commit together; the chain head is locked first, as every appender does
            transactions.executeWithoutResult(status -> {
                auditLog.lockHead();
                jdbc.update("INSERT INTO api_key (id, name, sha256, roles, created_at, created_by) VALUES (?,?,?,?,?,?)",
                        key.id(), key.name(), ApiKeys.sha256(secret), String.join(",", key.roles()), utc(key.createdAt()), actor);
                auditLog.appendNow(KeyEvents.entry(KeyEvents.CREATED, key, actor, key.createdAt()));
            });
        } catch (DuplicateKeyException e) {
            throw duplicate(name);
        }
        reload();
        log.info("API key {} '{}' with roles {} created by {}", key.id(), key.name(), key.roles(), actor);
        return new Created(key, secret);
    }

    /** Every stored key, active and revoked, oldest first. */
    public List<StoredKey> list() {
        return jdbc.query("SELECT " + COLUMNS + " FROM api_key ORDER BY created_at, id", StoredKeys::map);
    }

    public Optional<StoredKey> find(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM api_key WHERE id = ?", StoredKeys::map, id).stream().findFirst();
    }

    /** Revokes the key for {@code actor}: refused from its next request on. */
    public StoredKey revoke(String id, String actor) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Integer updated = transactions.execute(status -> {
            auditLog.lockHead();
            int changed = jdbc.update("UPDATE api_key SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL",
                    utc(at), actor, id);
            if (changed == 1) {
                auditLog.appendNow(KeyEvents.entry(KeyEvents.REVOKED, find(id).orElseThrow(), actor, at));
            }
            return changed;
        });
        StoredKey key = find(id).orElseThrow(() -> new KeyRequestException(KeyRequestException.UNKNOWN, "no API key has id " + id));
        if (updated == null || updated == 0) {
            throw new KeyRequestException(KeyRequestException.ALREADY_REVOKED, "API key " + id + " ('" + key.name()
                    + "') was already revoked at " + key.revokedAt() + " by " + key.revokedBy());
        }
        reload();
        log.info("API key {} '{}' revoked by {}", key.id(), key.name(), actor);
        return key;
    }

    /**
     * The active keys by the SHA-256 of their secret, at most {@link #REFRESH} (plus one reload) old. Only the first
     * lookup ever waits for the database; afterwards a stale copy is answered at once and one background reload
     * replaces it, so no request thread queries or blocks on the key table.
     */
    Map<String, ApiKeys.Caller> active() {
        Snapshot current = snapshot;
        if (current == null) {
            return refresh(null).byHash();
        }
        if (System.nanoTime() - current.loadedAtNanos() > REFRESH.toNanos() && reloading.compareAndSet(false, true)) {
            java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    refresh(current);
                } finally {
                    reloading.set(false);
                }
            });
        }
        return current.byHash();
    }

    private final java.util.concurrent.atomic.AtomicBoolean reloading = new java.util.concurrent.atomic.AtomicBoolean();

    private synchronized Snapshot refresh(Snapshot seen) {
        if (snapshot != seen) {
            return snapshot;
        }
        try {
            return reload();
        } catch (DataAccessException e) {
            // keep what we had (revocations on this instance were applied when they were made) and try again later
            log.warn("could not reload the stored API keys, using the ones loaded before: {}", e.getMessage());
            snapshot = new Snapshot(seen == null ? Map.of() : seen.byHash(), System.nanoTime());
            return snapshot;
        }
    }

    private synchronized Snapshot reload() {
        Map<String, ApiKeys.Caller> byHash = new HashMap<>();
        jdbc.query("SELECT name, sha256, roles FROM api_key WHERE revoked_at IS NULL", (ResultSet rs) -> {
            byHash.put(rs.getString(2), new ApiKeys.Caller(rs.getString(1), roles(rs.getString(3)).stream().map(Role::of).toList()));
        });
        snapshot = new Snapshot(Map.copyOf(byHash), System.nanoTime());
        return snapshot;
    }

    private boolean nameTaken(String name) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM api_key WHERE name = ?", Integer.class, name);
        return count != null && count > 0;
    }

    private static KeyRequestException duplicate(String name) {
        return new KeyRequestException(KeyRequestException.DUPLICATE_NAME, "an API key named '" + name
                + "' exists (configured, active or revoked); names are never reused");
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static List<String> roles(String column) {
        return Arrays.stream(column.split(",")).filter(role -> !role.isBlank()).toList();
    }

    private static StoredKey map(ResultSet rs, int row) throws SQLException {
        OffsetDateTime revoked = rs.getObject("revoked_at", OffsetDateTime.class);
        return new StoredKey(rs.getString("id"), rs.getString("name"), roles(rs.getString("roles")),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getString("created_by"),
                revoked == null ? null : revoked.toInstant(), rs.getString("revoked_by"));
    }
}
