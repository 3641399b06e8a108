package io.handoff.audit;

import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A stored record's evidence body read and rewritten the way someone with database access would, in the column the
 * row's format keeps it in: {@code body_packed} inflated and packed again for format 3 (any zlib tool does that),
 * {@code body} as text before. Tests that tamper with evidence go through here, so they tamper whatever the format.
 */
public final class StoredBodies {
    private StoredBodies() {
    }

    /** The body text of the record at {@code seq}. */
    public static String read(JdbcTemplate jdbc, long seq) {
        return jdbc.queryForObject("SELECT record_format, body, body_packed FROM audit_record WHERE seq = ?", (rs, n) ->
                rs.getInt(1) == ChainHash.FORMAT_PACKED
                        ? new String(PackedBody.unpack(rs.getBytes(3)), StandardCharsets.UTF_8) : rs.getString(2), seq);
    }

    /** The body text of the record of {@code decisionId}. */
    public static String read(JdbcTemplate jdbc, String decisionId) {
        return read(jdbc, seqOf(jdbc, decisionId));
    }

    /** Stores {@code text} as the body of the record at {@code seq}, in its format's column; nothing else changes. */
    public static void write(JdbcTemplate jdbc, long seq, String text) {
        int format = jdbc.queryForObject("SELECT record_format FROM audit_record WHERE seq = ?", Integer.class, seq);
        if (format == ChainHash.FORMAT_PACKED) {
            jdbc.update("UPDATE audit_record SET body_packed = ? WHERE seq = ?", PackedBody.pack(text), seq);
        } else {
            jdbc.update("UPDATE audit_record SET body = ? WHERE seq = ?", text, seq);
        }
    }

    public static void write(JdbcTemplate jdbc, String decisionId, String text) {
        write(jdbc, seqOf(jdbc, decisionId), text);
    }

    /** Rewrites the body of the record at {@code seq}. */
    public static void rewrite(JdbcTemplate jdbc, long seq, UnaryOperator<String> change) {
        write(jdbc, seq, change.apply(read(jdbc, seq)));
    }

    private static long seqOf(JdbcTemplate jdbc, String decisionId) {
        return jdbc.queryForObject("SELECT seq FROM audit_record WHERE decision_id = ?", Long.class, decisionId);
    }
}
