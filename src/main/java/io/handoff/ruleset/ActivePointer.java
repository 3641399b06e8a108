package io.handoff.ruleset;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The active ruleset version shared by every instance on one database: a stack of activations (promote
 * pushes, rollback pops) and a pointer row whose generation grows with every change. Each change locks the
 * pointer row, so concurrent promotions on two instances are applied one after the other; on PostgreSQL the
 * change is announced with NOTIFY on commit, and {@link RulesetSync} polls as well, so H2 works the same.
 */
public final class ActivePointer {
    private static final String COLUMNS = "generation, version, depth, last_event, replaced, folders_version";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final boolean postgres;
    private final boolean shared;
    private final String channel;

    /** One state of the pointer: which version is active, how deep the stack is, and what the last change was. */
    public record State(long generation, String version, int depth, String lastEvent, String replaced,
                        String foldersVersion) {
        boolean canRollBack() {
            return depth > 1;
        }
    }

    public ActivePointer(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.postgres = jdbc.execute((java.sql.Connection c) -> "PostgreSQL".equals(c.getMetaData().getDatabaseProductName()));
        this.shared = postgres || sharedH2(jdbc.execute((java.sql.Connection c) -> c.getMetaData().getURL()));
        this.channel = postgres ? channelFor(jdbc.queryForObject("SELECT current_schema()", String.class)) : null;
    }

    /** The NOTIFY channel of this schema: instances on other schemas of the same database do not hear it. */
    static String channelFor(String schema) {
        String name = "handoff_ruleset_" + (schema == null ? "public" : schema.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_"));
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    /** Whether the shared database is PostgreSQL (LISTEN/NOTIFY, shared rate-limit buckets) rather than H2. */
    public boolean postgres() {
        return postgres;
    }

    /**
     * Whether other processes can use this database at the same time: PostgreSQL, or H2 as a server (tcp:, ssl:) or
     * with AUTO_SERVER. An embedded H2 file is locked by the one process that opened it, so nothing else can move
     * the pointer and there is nothing to follow.
     */
    public boolean shared() {
        return shared;
    }

    static boolean sharedH2(String url) {
        String u = url == null ? "" : url.toUpperCase(Locale.ROOT);
        return u.startsWith("JDBC:H2:TCP:") || u.startsWith("JDBC:H2:SSL:") || u.contains("AUTO_SERVER=TRUE");
    }

    /** The LISTEN channel on PostgreSQL, null elsewhere. */
    String channel() {
        return channel;
    }

    public Optional<State> read() {
        return jdbc.query("SELECT " + COLUMNS + " FROM ruleset_pointer WHERE id = 1", ActivePointer::map).stream().findFirst();
    }

    /**
     * At startup: the first instance on an empty database publishes the version of its configured folders; an
     * instance whose folders give the version the pointer was last published from adopts the pointer (a version
     * promoted since then stays active); an instance with changed folders publishes them (a new deployment).
     */
    State claimAtStartup(String foldersVersion, Instant now) {
        return claimAtStartup(foldersVersion, foldersVersion::equals, now);
    }

    /**
     * As {@link #claimAtStartup(String, Instant)}; {@code namesFolders} also recognises the folders under the name
     * older data gave them ({@code RulesetVersion.names}), so that unchanged folders are not published again.
     */
    State claimAtStartup(String foldersVersion, java.util.function.Predicate<String> namesFolders, Instant now) {
        for (int attempt = 0; ; attempt++) {
            try {
                return transactions.execute(status -> {
                    Optional<State> current = lock();
                    if (current.isEmpty()) {
                        jdbc.update("INSERT INTO ruleset_activation (depth, version) VALUES (1, ?)", foldersVersion);
                        jdbc.update("INSERT INTO ruleset_pointer (id, " + COLUMNS + ", changed_at) VALUES (1, 1, ?, 1, 'activated', NULL, ?, ?)",
                                foldersVersion, foldersVersion, timestamp(now));
                        notifyChange(1);
                        return lock().orElseThrow();
                    }
                    State state = current.get();
                    if (namesFolders.test(state.foldersVersion()) || namesFolders.test(state.version())) {
                        return state;
                    }
                    return pushLocked(state, foldersVersion, "activated", foldersVersion, now);
                });
            } catch (DuplicateKeyException e) {
                if (attempt > 2) {
                    throw e;
                }
                // another instance created the pointer at the same moment: read it again
            }
        }
    }

    /** Makes {@code version} active for every instance; returns the new state (its {@code replaced} is the old version). */
    State push(String version, Instant now) {
        return transactions.execute(status -> {
            State state = lock().orElseThrow(() -> new IllegalStateException("no active ruleset pointer"));
            return pushLocked(state, version, "promoted", state.foldersVersion(), now);
        });
    }

    /**
     * Re-activates the version below the top for every instance. With {@code expectedTop}, only if that version
     * is still the active one (an automatic rollback must not undo a promotion that happened meanwhile).
     */
    Optional<State> pop(String expectedTop, String event, Instant now) {
        return transactions.execute(status -> {
            State state = lock().orElseThrow(() -> new IllegalStateException("no active ruleset pointer"));
            if (expectedTop != null && !expectedTop.equals(state.version())) {
                return Optional.empty();
            }
            if (!state.canRollBack()) {
                throw new LifecycleException("nothing-to-roll-back-to", "no earlier version was active before " + state.version());
            }
            jdbc.update("DELETE FROM ruleset_activation WHERE depth = ?", state.depth());
            String target = jdbc.queryForObject("SELECT version FROM ruleset_activation WHERE depth = ?", String.class,
                    state.depth() - 1);
            long generation = state.generation() + 1;
            jdbc.update("UPDATE ruleset_pointer SET generation = ?, version = ?, depth = ?, last_event = ?, replaced = ?, changed_at = ? "
                    + "WHERE id = 1", generation, target, state.depth() - 1, event, state.version(), timestamp(now));
            notifyChange(generation);
            return Optional.of(new State(generation, target, state.depth() - 1, event, state.version(), state.foldersVersion()));
        });
    }

    /** Tells the other instances that a candidate passed, so they compile it before anyone promotes it. */
    void announcePassed(String version) {
        if (postgres) {
            jdbc.queryForList("SELECT pg_notify(?, ?)", channel, "passed:" + version);
        }
    }

    private State pushLocked(State state, String version, String event, String foldersVersion, Instant now) {
        int depth = state.depth() + 1;
        long generation = state.generation() + 1;
        jdbc.update("DELETE FROM ruleset_activation WHERE depth >= ?", depth);
        jdbc.update("INSERT INTO ruleset_activation (depth, version) VALUES (?, ?)", depth, version);
        jdbc.update("UPDATE ruleset_pointer SET generation = ?, version = ?, depth = ?, last_event = ?, replaced = ?, "
                + "folders_version = ?, changed_at = ? WHERE id = 1", generation, version, depth, event, state.version(),
                foldersVersion, timestamp(now));
        notifyChange(generation);
        return new State(generation, version, depth, event, state.version(), foldersVersion);
    }

    private Optional<State> lock() {
        List<State> rows = jdbc.query("SELECT " + COLUMNS + " FROM ruleset_pointer WHERE id = 1 FOR UPDATE", ActivePointer::map);
        return rows.stream().findFirst();
    }

    /** Delivered by PostgreSQL when the transaction commits, never before; nothing on H2 (polling covers it). */
    private void notifyChange(long generation) {
        if (postgres) {
            jdbc.queryForList("SELECT pg_notify(?, ?)", channel, "active:" + generation);
        }
    }

    private static State map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new State(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5), rs.getString(6));
    }

    private static OffsetDateTime timestamp(Instant now) {
        return OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
    }
}
