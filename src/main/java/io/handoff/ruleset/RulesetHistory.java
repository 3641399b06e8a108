package io.handoff.ruleset;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.handoff.audit.AuditEntry;
import io.handoff.audit.AuditLog;
import io.handoff.notify.Outbox;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The durable lifecycle history of ruleset versions: submitted, rejected, passed, promoted, rolled back, shadow
 * and canary changes. Every event is also a record of the hash-chained audit log (kind {@code ruleset}), written
 * in the same transaction as the history row and, through {@link #atomically}, as the change it describes: the
 * event, its record and the change commit together or not at all.
 */
public final class RulesetHistory {
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final AuditLog auditLog;
    private final boolean recording;
    private final Outbox outbox;

    /** {@code recording} false (handoff.audit.recording, benchmarks only): history rows without audit records. */
    public RulesetHistory(JdbcTemplate jdbc, TransactionTemplate transactions, AuditLog auditLog, boolean recording) {
        this(jdbc, transactions, auditLog, recording, null);
    }

    /** {@code outbox}: automatic rollbacks and rejected candidates are announced there, in the event's transaction. */
    public RulesetHistory(JdbcTemplate jdbc, TransactionTemplate transactions, AuditLog auditLog, boolean recording, Outbox outbox) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.auditLog = auditLog;
        this.recording = recording;
        this.outbox = outbox;
    }

    /** One lifecycle step: which version, what happened, who did it, why, and details (JSON). */
    public record Event(long id, String version, String event, String actor, String reason, String details, Instant at) {
    }

    /**
     * Runs {@code change} in one transaction that first takes the audit chain-head lock (so every writer takes the
     * head before the rows it changes, and none waits on another); {@link #record} inside it joins the transaction.
     */
    <T> T atomically(Supplier<T> change) {
        return transactions.execute(status -> {
            auditLog.lockHead();
            return change.get();
        });
    }

    /**
     * Records the event in the history and the audit log, in the caller's transaction if there is one. The audit
     * record's id is added to the event's details, so the history points at its evidence.
     */
    void record(String version, String event, String actor, String reason, String details, Instant at) {
        Instant when = at.truncatedTo(ChronoUnit.MILLIS);
        String why = reason == null ? "" : reason;
        String recordId = UUID.randomUUID().toString();
        ObjectNode detail = parse(details);
        atomically(() -> {
            if (recording) {
                appendRecord(recordId, version, event, actor, why, detail, when);
                detail.put("auditRecordId", recordId);
            }
            jdbc.update("INSERT INTO ruleset_event (version, event, actor, reason, details, at) VALUES (?,?,?,?,?,?)",
                    version, event, actor, why, JSON.writeValueAsString(detail), OffsetDateTime.ofInstant(when, ZoneOffset.UTC));
            if (outbox != null) {
                outbox.emit(RulesetNotices.of(recordId, version, event, actor, why, detail, when));
            }
            return null;
        });
    }

    private void appendRecord(String recordId, String version, String event, String actor, String why, ObjectNode detail,
                              Instant when) {
        ObjectNode body = JSON.createObjectNode();
        body.put("recordId", recordId);
        body.put("kind", AuditEntry.RULESET);
        body.put("outcome", event);
        body.put("rulesetVersion", version);
        body.put("actor", actor);
        body.put("reason", why);
        body.set("details", detail.deepCopy());
        body.put("recordedAt", when.toString());
        auditLog.appendNow(new AuditEntry(recordId, AuditEntry.RULESET, null, null, null, event, null, version, null,
                when, JSON.writeValueAsString(body), List.of(), List.of()));
    }

    private static ObjectNode parse(String details) {
        try {
            JsonNode node = details == null || details.isBlank() ? JSON.createObjectNode() : JSON.readTree(details);
            if (node instanceof ObjectNode object) {
                return object;
            }
            ObjectNode wrapped = JSON.createObjectNode();
            wrapped.set("value", node);
            return wrapped;
        } catch (JacksonException e) {
            ObjectNode wrapped = JSON.createObjectNode();
            wrapped.put("text", details);
            return wrapped;
        }
    }

    /** Everyone who submitted {@code version} (any instance, any time): none of them may put it on live traffic. */
    Set<String> submitters(String version) {
        return new LinkedHashSet<>(jdbc.queryForList("SELECT actor FROM ruleset_event WHERE version = ? AND event = 'submitted' ORDER BY id",
                String.class, version));
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
    /** When the version last went live (promoted), if it ever did. */
    java.util.Optional<Instant> lastPromoted(String version) {
        return jdbc.query("SELECT at FROM ruleset_event WHERE version = ? AND event = 'promoted' ORDER BY id DESC LIMIT 1",
                (rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant(), version).stream().findFirst();
    }

    boolean passed(String version) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM ruleset_event WHERE version = ? AND event = 'passed'", Integer.class, version) > 0;
    }

    public List<Event> latest(int limit) {
        return jdbc.query("SELECT id, version, event, actor, reason, details, at FROM ruleset_event ORDER BY id DESC LIMIT " + limit,
                (rs, n) -> new Event(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getObject(7, OffsetDateTime.class).toInstant()));
    }
}
