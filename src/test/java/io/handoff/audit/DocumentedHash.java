package io.handoff.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A record's hash written from docs/audit.md alone, not from {@link ChainHash}: what an auditor's own tool (or an
 * attacker re-chaining a rewritten history) computes from a stored row, in the row's own format.
 */
final class DocumentedHash {
    private DocumentedHash() {
    }

    /** The hash the stored row at {@code seq} would have if it linked to {@code prev}. */
    static String of(JdbcTemplate jdbc, long seq, String prev) {
        return jdbc.query("SELECT record_format, decision_id, kind, contract_id, domain, handoff_type, outcome, posture, "
                + "ruleset_version, input_hash, recorded_at, fired_rules, gates, body FROM audit_record WHERE seq = ?", rs -> {
                    if (!rs.next()) {
                        throw new IllegalStateException("no record " + seq);
                    }
                    ByteArrayOutputStream in = new ByteArrayOutputStream();
                    int format = rs.getInt(1);
                    if (format == 1) {
                        in.writeBytes((seq + "\n" + prev + "\n").getBytes(StandardCharsets.UTF_8));
                    } else {
                        in.writeBytes(("handoff-audit-record/" + format + "\n" + seq + "\n" + prev + "\n").getBytes(StandardCharsets.UTF_8));
                        for (int column = 2; column <= 13; column++) {
                            String value = column == 11
                                    ? Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, rs.getObject(column, OffsetDateTime.class).toInstant()))
                                    : rs.getString(column);
                            if (value == null) {
                                in.writeBytes("-\n".getBytes(StandardCharsets.UTF_8));
                            } else {
                                byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                                in.writeBytes((bytes.length + ":").getBytes(StandardCharsets.UTF_8));
                                in.writeBytes(bytes);
                                in.write('\n');
                            }
                        }
                    }
                    // format 3: the packed body's stored bytes; before: the body's text
                    in.writeBytes(format == 3 // (a database before V32 has no body_packed column)
                            ? jdbc.queryForObject("SELECT body_packed FROM audit_record WHERE seq = ?", byte[].class, seq)
                            : rs.getString(14).getBytes(StandardCharsets.UTF_8));
                    return sha256(in.toByteArray());
                }, seq);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
