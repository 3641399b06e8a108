package io.handoff.audit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/** The database's copy of the signed checkpoints (table {@code audit_signed_checkpoint}); the sink holds the other. */
final class SignedCheckpointStore {
    private final JdbcTemplate jdbc;

    SignedCheckpointStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** False when a checkpoint of this seq is stored already (another instance signed the same head). */
    boolean insert(SignedCheckpoint c) {
        try {
            jdbc.update("INSERT INTO audit_signed_checkpoint (seq, hash, signed_at, key_id, signature) VALUES (?,?,?,?,?)",
                    c.seq(), c.hash(), OffsetDateTime.ofInstant(c.signedAt(), ZoneOffset.UTC), c.keyId(), c.signature());
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    List<SignedCheckpoint> all() {
        return jdbc.query("SELECT seq, hash, signed_at, key_id, signature FROM audit_signed_checkpoint ORDER BY seq",
                (rs, n) -> new SignedCheckpoint(rs.getLong(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant(),
                        rs.getString(4), rs.getString(5)));
    }

    long lastSeq() {
        Long last = jdbc.queryForObject("SELECT MAX(seq) FROM audit_signed_checkpoint", Long.class);
        return last == null ? 0 : last;
    }
}
