package io.handoff.audit;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JDBC access to the log tables; the same SQL on H2 and PostgreSQL. Appends and retention are its only writes. */
public final class AuditStore {
    private static final String COLUMNS = "seq, decision_id, kind, contract_id, domain, handoff_type, outcome, posture, "
            + "ruleset_version, input_hash, recorded_at, fired_rules, gates, body, prev_hash, hash, record_format, body_packed";
    /** Every column but the bodies: what a listing shows (a summary reads no body, so it inflates nothing). */
    private static final String SUMMARY_COLUMNS = "seq, decision_id, kind, contract_id, domain, handoff_type, outcome, posture, "
            + "ruleset_version, input_hash, recorded_at, fired_rules, gates, prev_hash, hash, record_format";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public AuditStore(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * A record ready to be appended: everything but its chain position, its body already packed ({@link PackedBody}).
     * {@code alongside}, when given, is handed {@code payload} in the same transaction right after the insert (state
     * that must commit or fail with the record), together with the payloads of the batch's other records for the same
     * writer.
     */
    record Prepared(AuditEntry entry, byte[] packed, Alongside alongside, Object payload) {
        /** Packs the entry's body here, on the caller's thread, not in the writer's transaction. */
        static Prepared of(AuditEntry entry, Alongside alongside, Object payload) {
            return new Prepared(entry, entry == null ? null : PackedBody.pack(entry.body()), alongside, payload);
        }
    }


    /**
     * Appends a batch in one transaction under the chain-head lock: assigns consecutive seqs, links each
     * record to the one before, inserts, and moves the head. Returns the stored records in order, without
     * their bodies (the caller has them). A prepared item without an entry carries only alongside state (the
     * service with recording switched off): it gets no record (null in its place). A batch of only such items
     * still takes the chain-head lock: it is what orders the alongside state with the orchestration's steps,
     * which read and write the same rows behind it.
     */
    List<AuditRecord> append(List<Prepared> batch) {
        return transactions.execute(status -> {
            lockHead();
            Head head = head();
            List<AuditRecord> records = chain(head, batch);
            List<Object[]> rows = rows(records, batch);
            if (!rows.isEmpty()) {
                AuditRecord last = records.stream().filter(java.util.Objects::nonNull).reduce((a, b) -> b).orElseThrow();
                jdbc.batchUpdate(INSERT, rows);
                jdbc.update("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", last.seq(), last.hash());
            }
            Map<Alongside, List<Object>> state = new LinkedHashMap<>();
            for (Prepared p : batch) {
                if (p.alongside() != null) {
                    state.computeIfAbsent(p.alongside(), a -> new ArrayList<>()).add(p.payload());
                }
            }
            state.forEach(Alongside::writeAll);
            return records;
        });
    }

    /** What a new record's hash covers besides seq, link and body: its columns exactly as they will be stored. */
    private static HashedColumns hashedColumns(AuditEntry e, Instant recordedAt) {
        return new HashedColumns(e.decisionId(), e.kind(), e.contractId(), e.domain(), e.handoffType(), e.outcome(), e.posture(),
                e.rulesetVersion(), e.inputHash(), HashedColumns.micros(recordedAt), HashedColumns.idList(e.ruleIds()),
                HashedColumns.idList(e.gateIds()));
    }

    /** The columns {@link #rows} fills, in order. */
    static final String INSERT_COLUMNS = COLUMNS;
    static final String INSERT = "INSERT INTO audit_record (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

    /**
     * The batch's records numbered and linked after {@code head}, each hashed in format 3 over its columns as they will
     * be stored and its packed body; null in place of a state-only item.
     */
    static List<AuditRecord> chain(Head head, List<Prepared> batch) {
        List<AuditRecord> records = new ArrayList<>(batch.size());
        long seq = head.seq();
        String prev = head.hash();
        for (Prepared p : batch) {
            AuditEntry e = p.entry();
            if (e == null) {
                records.add(null);
                continue;
            }
            seq++;
            Instant recordedAt = HashedColumns.stored(e.recordedAt());
            String hash = ChainHash.of(ChainHash.FORMAT_PACKED, seq, prev, hashedColumns(e, recordedAt), p.packed());
            records.add(new AuditRecord(seq, e.decisionId(), e.kind(), e.contractId(), e.domain(), e.handoffType(),
                    e.outcome(), e.posture(), e.rulesetVersion(), e.inputHash(), recordedAt, null, prev, hash,
                    ChainHash.FORMAT_PACKED, e.ruleIds(), e.gateIds()));
            prev = hash;
        }
        return records;
    }

    /** The chained records as rows of {@link #INSERT_COLUMNS}, state-only items left out: no text body, the packed one. */
    static List<Object[]> rows(List<AuditRecord> records, List<Prepared> batch) {
        List<Object[]> rows = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            AuditRecord r = records.get(i);
            if (r == null) {
                continue; // state only: no record
            }
            rows.add(new Object[] {r.seq(), r.decisionId(), r.kind(), r.contractId(), r.domain(), r.handoffType(),
                    r.outcome(), r.posture(), r.rulesetVersion(), r.inputHash(),
                    OffsetDateTime.ofInstant(r.recordedAt(), ZoneOffset.UTC), HashedColumns.idList(r.firedRules()),
                    HashedColumns.idList(r.gates()), null, r.prevHash(), r.hash(), r.format(), batch.get(i).packed()});
        }
        return rows;
    }

    static String idPattern(String id) {
        return "% " + id.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + " %";
    }

    record Head(long seq, String hash) {
    }

    /**
     * Takes the chain-head lock in the current transaction, so work done before appending is ordered with the log.
     * The lock is a write, not {@code SELECT ... FOR UPDATE}: H2 can answer a locking select that waited with the row
     * as it was before the other writer committed (a reused result), and two appends then took the same seq; an
     * update always starts from the committed row, and every read after it in the transaction sees this one.
     */
    void lockHead() {
        jdbc.update("UPDATE audit_head SET seq = seq WHERE id = 1");
    }

    Head head() {
        return jdbc.queryForObject("SELECT seq, hash FROM audit_head WHERE id = 1", (rs, n) -> new Head(rs.getLong(1), rs.getString(2)));
    }

    public Optional<AuditRecord> find(String decisionId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM audit_record WHERE decision_id = ?", AuditStore::map, decisionId)
                .stream().findFirst();
    }

    /** Newest first, at most {@code limit}; page on with {@link AuditQuery#before(long)} and the last seq. */
    public List<AuditRecord> search(AuditQuery query, int limit) {
        return search(query, limit, true);
    }

    /**
     * As {@link #search(AuditQuery, int)}, with {@code record} null unless {@code withBodies}: a listing of summaries
     * reads no body, so a page of 500 records neither inflates nor parses 500 of them.
     */
    public List<AuditRecord> search(AuditQuery query, int limit, boolean withBodies) {
        Sql sql = where(query);
        return jdbc.query("SELECT " + (withBodies ? COLUMNS : SUMMARY_COLUMNS) + " FROM audit_record r" + sql.where()
                + " ORDER BY seq DESC LIMIT " + limit, (rs, n) -> map(rs, false, withBodies), sql.params().toArray());
    }

    /**
     * Streams every matching record, oldest first, without holding them in memory; a format-3 record comes with its
     * packed body as stored ({@link AuditRecord#packed()}), which its hash covers, for an export to carry. Without
     * {@code withBodies}, {@code record} is null and nothing is inflated (a CSV export of summaries).
     */
    public void stream(AuditQuery query, boolean withBodies, Consumer<AuditRecord> sink) {
        Sql sql = where(query);
        transactions.executeWithoutResult(status -> jdbc.query(connection -> {
            var statement = connection.prepareStatement("SELECT " + (withBodies ? COLUMNS : SUMMARY_COLUMNS) + " FROM audit_record r" + sql.where()
                    + " ORDER BY seq", ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(500);
            for (int i = 0; i < sql.params().size(); i++) {
                statement.setObject(i + 1, sql.params().get(i));
            }
            return statement;
        }, (RowCallbackHandler) rs -> sink.accept(map(rs, withBodies, withBodies))));
    }

    /**
     * A stored row as verification sees it: the searchable columns and the body as the stored bytes (read as bytes:
     * never decoded to text and encoded again, never re-serialized, a packed body never inflated); the columns in
     * {@link HashedColumns}' order, {@code recorded_at} as its microseconds in ASCII. {@code body} is the column its
     * format hashes ({@code body_packed} for format 3, {@code body} before); {@code stray} is true when the other one
     * holds a value, which no hash covers and no writer leaves.
     */
    record StoredRow(long seq, int format, byte[][] columnBytes, byte[] body, String prevHash, String hash, boolean stray) {
        String decisionId() {
            return text(0);
        }

        /** The columns as text (format 1's check against the body, and problems that name the record). */
        HashedColumns columns() {
            return new HashedColumns(text(0), text(1), text(2), text(3), text(4), text(5), text(6), text(7), text(8),
                    Long.parseLong(text(9)), text(10), text(11));
        }

        private String text(int column) {
            return columnBytes[column] == null ? null : new String(columnBytes[column], StandardCharsets.UTF_8);
        }
    }

    private static final String STORED_ROW = "SELECT seq, record_format, decision_id, kind, contract_id, domain, handoff_type, "
            + "outcome, posture, ruleset_version, input_hash, recorded_at, fired_rules, gates, body, prev_hash, hash, body_packed "
            + "FROM audit_record WHERE seq >= ? AND seq <= ? ORDER BY seq";

    /**
     * Rows with {@code from <= seq <= to}, oldest first, through one cursor ({@code fetchSize} rows per round trip, never
     * the whole range in memory), until {@code sink} returns false. One read transaction: PostgreSQL only streams a
     * result inside one, and the rows are read from one snapshot.
     */
    void streamRows(long from, long to, int fetchSize, Predicate<StoredRow> sink) {
        transactions.executeWithoutResult(status -> jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (PreparedStatement statement = connection.prepareStatement(STORED_ROW, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY)) {
                statement.setFetchSize(fetchSize);
                statement.setLong(1, from);
                statement.setLong(2, to);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next() && sink.test(storedRow(rs))) {
                        // the sink decides whether to read on
                    }
                }
            }
            return null;
        }));
    }

    private static StoredRow storedRow(ResultSet rs) throws SQLException {
        byte[][] columns = new byte[12][];
        for (int i = 0; i < 9; i++) {
            columns[i] = rs.getBytes(3 + i);
        }
        columns[9] = Long.toString(HashedColumns.micros(rs.getObject(12, OffsetDateTime.class).toInstant()))
                .getBytes(StandardCharsets.US_ASCII);
        columns[10] = rs.getBytes(13);
        columns[11] = rs.getBytes(14);
        int format = rs.getInt(2);
        byte[] text = rs.getBytes(15);
        byte[] packed = rs.getBytes(18);
        boolean isPacked = format == ChainHash.FORMAT_PACKED;
        return new StoredRow(rs.getLong(1), format, columns, isPacked ? packed : text, rs.getString(16), rs.getString(17),
                isPacked ? text != null : packed != null);
    }

    /** The ruleset version column of a decision or rejection, for the steps that name it. */
    Optional<String> rulesetVersionOf(String decisionId) {
        return jdbc.queryForList("SELECT ruleset_version FROM audit_record WHERE decision_id = ? AND kind IN (?, ?)", String.class,
                decisionId, AuditEntry.DECISION, AuditEntry.REJECTION).stream().filter(java.util.Objects::nonNull).findFirst();
    }

    Optional<String> hashAt(long seq) {
        return jdbc.queryForList("SELECT hash FROM audit_record WHERE seq = ?", String.class, seq).stream().findFirst();
    }

    List<Checkpoint> checkpoints() {
        return jdbc.query("SELECT first_seq, last_seq, prev_hash, last_hash, removed, reason, created_at FROM audit_checkpoint ORDER BY first_seq",
                (rs, n) -> new Checkpoint(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                        rs.getString(6), rs.getObject(7, OffsetDateTime.class).toInstant()));
    }

    JdbcTemplate jdbc() {
        return jdbc;
    }

    TransactionTemplate transactions() {
        return transactions;
    }

    private record Sql(String where, List<Object> params) {
    }

    private static Sql where(AuditQuery q) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        clause(where, params, "r.contract_id = ?", q.contractId());
        clause(where, params, "r.domain = ?", q.domain());
        clause(where, params, "r.outcome = ?", q.outcome());
        clause(where, params, "r.posture = ?", q.posture());
        clause(where, params, "r.ruleset_version = ?", q.rulesetVersion());
        clause(where, params, "r.fired_rules LIKE ? ESCAPE '\\'", q.ruleId() == null ? null : idPattern(q.ruleId()));
        clause(where, params, "r.gates LIKE ? ESCAPE '\\'", q.gateId() == null ? null : idPattern(q.gateId()));
        clause(where, params, "r.recorded_at >= ?", q.from() == null ? null : OffsetDateTime.ofInstant(q.from(), ZoneOffset.UTC));
        clause(where, params, "r.recorded_at < ?", q.to() == null ? null : OffsetDateTime.ofInstant(q.to(), ZoneOffset.UTC));
        clause(where, params, "r.seq < ?", q.beforeSeq());
        if (q.kind() == null) {
            where.append(" AND r.kind IN ('").append(AuditEntry.DECISION).append("', '").append(AuditEntry.REJECTION).append("')");
        } else if (!AuditQuery.ALL_KINDS.equals(q.kind())) {
            clause(where, params, "r.kind = ?", q.kind());
        }
        return new Sql(where.toString(), params);
    }

    private static void clause(StringBuilder where, List<Object> params, String sql, Object value) {
        if (value != null) {
            where.append(" AND ").append(sql);
            params.add(value);
        }
    }

    static AuditRecord map(ResultSet rs, int row) throws SQLException {
        return map(rs, false, true);
    }

    /**
     * The body as JSON. One that cannot be read (packed bytes rewritten into no zlib stream, text that is no JSON: only
     * someone writing to the database does that) is shown as {@code {"unreadable": why}}, so the record can still be
     * listed, opened and verified (its hash no longer matches), never a failed request.
     */
    private static JsonNode body(byte[] packed, String text) {
        try {
            if (packed != null) {
                return JSON.readTree(PackedBody.unpack(packed));
            }
            return text == null ? unreadable("the record holds no body") : JSON.readTree(text);
        } catch (IllegalArgumentException | tools.jackson.core.JacksonException e) {
            return unreadable(e.getMessage());
        }
    }

    private static JsonNode unreadable(String why) {
        return JSON.createObjectNode().put("unreadable", why);
    }

    /** A record as read: a packed body inflated for {@code record}, and kept as stored when {@code withPacked}. */
    private static AuditRecord map(ResultSet rs, boolean withPacked, boolean withBody) throws SQLException {
        int format = rs.getInt("record_format");
        byte[] packed = withBody && format == ChainHash.FORMAT_PACKED ? rs.getBytes("body_packed") : null;
        JsonNode record = !withBody ? null : body(packed, format == ChainHash.FORMAT_PACKED ? null : rs.getString("body"));
        return new AuditRecord(rs.getLong("seq"), rs.getString("decision_id"), rs.getString("kind"),
                rs.getString("contract_id"), rs.getString("domain"), rs.getString("handoff_type"), rs.getString("outcome"),
                rs.getString("posture"), rs.getString("ruleset_version"), rs.getString("input_hash"),
                rs.getObject("recorded_at", OffsetDateTime.class).toInstant(), record,
                rs.getString("prev_hash"), rs.getString("hash"), format,
                HashedColumns.ids(rs.getString("fired_rules")), HashedColumns.ids(rs.getString("gates")),
                withPacked ? packed : null);
    }
}
