package io.handoff.audit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Appends records exactly as the service wrote them before V29 (format 1): the pre-V29 columns only, the hash over
 * seq, link and body (docs/audit.md), computed here on its own. What an existing user's database holds.
 */
final class FormatOneRows {
    private FormatOneRows() {
    }

    static void append(JdbcTemplate jdbc, List<AuditEntry> entries) {
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

    private static String idList(List<String> ids) {
        return ids.isEmpty() ? " " : " " + String.join(" ", ids) + " ";
    }
}
