package io.handoff.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies an NDJSON export ({@code GET /api/v1/decisions/export?kind=all}) without the service or its database:
 * every line's hash recomputed from its seq, prevHash and {@code record} (compact JSON, fields in their exported
 * order: the bytes the service hashed), each link to the line before, consecutive seqs, the columns against the
 * record, the checkpoint signatures, and that every signed checkpoint inside the exported range is reached.
 */
public final class ExportVerifier {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Map<String, PublicKey> trusted;
    private final List<SignedCheckpoint> checkpoints;

    public ExportVerifier(List<PublicKey> keys, List<SignedCheckpoint> checkpoints) {
        this.trusted = new HashMap<>();
        keys.forEach(key -> trusted.put(SigningKeys.keyId(key), key));
        this.checkpoints = List.copyOf(checkpoints);
    }

    public VerifyReport verify(BufferedReader export) throws IOException {
        long started = System.nanoTime();
        Anchors anchors = new Anchors(checkpoints, trusted);
        List<VerifyReport.Problem> problems = new ArrayList<>(anchors.problems());
        Map<String, String> decisionVersions = new HashMap<>();
        VerifyReport.Problem bad = null;
        long first = 0;
        long last = 0;
        long checked = 0;
        String expectedPrev = null;
        String text;
        for (int line = 1; bad == null && (text = export.readLine()) != null; line++) {
            if (text.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(text);
            } catch (JacksonException e) {
                bad = new VerifyReport.Problem(last + 1, null, VerifyReport.Problem.NOT_JSON, "line " + line + " is not JSON");
                break;
            }
            long seq = node.path("seq").asLong();
            String decisionId = RecordColumns.text(node, "decisionId");
            if (first == 0) {
                first = seq;
                expectedPrev = seq == 1 ? ChainHash.GENESIS : null; // an export that starts later links to what it cannot see
                anchors.startAt(seq);
            } else if (seq != last + 1) {
                bad = new VerifyReport.Problem(last + 1, null, VerifyReport.Problem.MISSING, "records " + (last + 1) + ".."
                        + (seq - 1) + " are not in the export (line " + line + "); export every record: kind=all, no filters");
                break;
            }
            bad = checkLine(node, seq, decisionId, expectedPrev, anchors, decisionVersions);
            if (bad == null) {
                expectedPrev = RecordColumns.text(node, "hash");
                last = seq;
                checked++;
            }
        }
        if (bad != null) {
            problems.add(bad);
        }
        problems.sort(Comparator.comparingLong(VerifyReport.Problem::seq));
        VerifyReport.Problem firstBad = bad != null ? bad : problems.isEmpty() ? null : problems.get(0);
        return new VerifyReport(firstBad == null ? VerifyReport.INTACT : VerifyReport.BROKEN, first, last, checked, 0, firstBad,
                (System.nanoTime() - started) / 1_000_000, anchors.reached(), problems);
    }

    private static VerifyReport.Problem checkLine(JsonNode node, long seq, String decisionId, String expectedPrev,
                                                  Anchors anchors, Map<String, String> decisionVersions) {
        String prevHash = RecordColumns.text(node, "prevHash");
        String hash = RecordColumns.text(node, "hash");
        JsonNode record = node.get("record");
        if (prevHash == null || hash == null || record == null || !record.isObject()) {
            return new VerifyReport.Problem(seq, decisionId, VerifyReport.Problem.NOT_JSON,
                    "not an exported audit record (seq, prevHash, hash and record are required)");
        }
        if (expectedPrev != null && !expectedPrev.equals(prevHash)) {
            return new VerifyReport.Problem(seq, decisionId, VerifyReport.Problem.LINK, "prevHash does not link to the record before");
        }
        if (!ChainHash.of(seq, prevHash, JSON.writeValueAsString(record)).equals(hash)) {
            return new VerifyReport.Problem(seq, decisionId, VerifyReport.Problem.HASH, "hash does not match the exported record");
        }
        RecordColumns.Columns columns = new RecordColumns.Columns(decisionId, RecordColumns.text(node, "kind"),
                RecordColumns.text(node, "contractId"), RecordColumns.text(node, "domain"), RecordColumns.text(node, "handoffType"),
                RecordColumns.text(node, "outcome"), RecordColumns.text(node, "posture"), RecordColumns.text(node, "rulesetVersion"),
                RecordColumns.text(node, "inputHash"));
        String differ = RecordColumns.problem(columns, record, id -> Optional.ofNullable(decisionVersions.get(id)));
        if (differ != null) {
            return new VerifyReport.Problem(seq, decisionId, VerifyReport.Problem.COLUMNS, differ);
        }
        if ((AuditEntry.DECISION.equals(columns.kind()) || AuditEntry.REJECTION.equals(columns.kind())) && columns.rulesetVersion() != null) {
            decisionVersions.put(decisionId, columns.rulesetVersion());
        }
        return anchors.check(seq, hash, decisionId);
    }
}
