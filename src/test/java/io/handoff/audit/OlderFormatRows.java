package io.handoff.audit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Appends records exactly as older versions of the service wrote them: what an existing user's database holds.
 */
final class OlderFormatRows {
    private OlderFormatRows() {
    }

    /** Before V29 (format 1): the pre-V29 columns only, the hash over seq, link and body (docs/audit.md), computed here. */
    static void formatOne(JdbcTemplate jdbc, List<AuditEntry> entries) {
        long seq = jdbc.queryForObject("SELECT seq FROM audit_head WHERE id = 1", Long.class);
        String prev = jdbc.queryForObject("SELECT hash FROM audit_head WHERE id = 1", String.class);
        for (AuditEntry e : entries) {
            seq++;
            String hash = DocumentedHash.sha256((seq + "\n" + prev + "\n" + e.body()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            jdbc.update("INSERT INTO audit_record (seq, decision_id, kind, contract_id, domain, handoff_type, outcome, posture, "
                    + "ruleset_version, input_hash, recorded_at, fired_rules, gates, body, prev_hash, hash) "
                    + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", seq, e.decisionId(), e.kind(), e.contractId(), e.domain(),
                    e.handoffType(), e.outcome(), e.posture(), e.rulesetVersion(), e.inputHash(),
                    OffsetDateTime.ofInstant(e.recordedAt(), ZoneOffset.UTC), idList(e.ruleIds()), idList(e.gateIds()),
                    e.body(), prev, hash);
            prev = hash;
        }
        jdbc.update("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", seq, prev);
    }

    /**
     * V29 to V31 (format 2): the body as text, no packed column yet, the hash over seq, link, columns and the body's
     * text, computed from docs/audit.md on its own ({@link DocumentedHash} over the row just inserted).
     */
    static void formatTwo(JdbcTemplate jdbc, List<AuditEntry> entries) {
        long seq = jdbc.queryForObject("SELECT seq FROM audit_head WHERE id = 1", Long.class);
        String prev = jdbc.queryForObject("SELECT hash FROM audit_head WHERE id = 1", String.class);
        for (AuditEntry e : entries) {
            seq++;
            jdbc.update("INSERT INTO audit_record (seq, decision_id, kind, contract_id, domain, handoff_type, outcome, posture, "
                    + "ruleset_version, input_hash, recorded_at, fired_rules, gates, body, prev_hash, hash, record_format) "
                    + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,2)", seq, e.decisionId(), e.kind(), e.contractId(), e.domain(),
                    e.handoffType(), e.outcome(), e.posture(), e.rulesetVersion(), e.inputHash(),
                    OffsetDateTime.ofInstant(e.recordedAt(), ZoneOffset.UTC), idList(e.ruleIds()), idList(e.gateIds()),
                    e.body(), prev, "pending");
            String hash = DocumentedHash.of(jdbc, seq, prev);
            jdbc.update("UPDATE audit_record SET hash = ? WHERE seq = ?", hash, seq);
            prev = hash;
        }
        jdbc.update("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", seq, prev);
    }

    private static String idList(List<String> ids) {
        return ids.isEmpty() ? " " : " " + String.join(" ", ids) + " ";
    }
}
