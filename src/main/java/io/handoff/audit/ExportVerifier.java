package io.handoff.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.handoff.text.Shortened;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies an NDJSON export ({@code GET /api/v1/decisions/export?kind=all}) without the service or its database:
 * every line's hash recomputed as its {@code format} prescribes (1, or absent: from its seq, prevHash and {@code record};
 * 2: from those and its column fields; {@code record} written as compact JSON, fields in their exported order: the
 * bytes the service hashed; 3: from seq, prevHash, the column fields and {@code packed}, the stored packed body, which
 * must inflate to exactly that compact {@code record}), each link to the line before, consecutive seqs, the columns against the
 * record, the checkpoint signatures, and that every signed checkpoint inside the exported range is reached.
 */
public final class ExportVerifier {
    /**
     * Duplicate keys are refused: a line holding a field twice reads differently to a first-wins and a last-wins reader,
     * and what an auditor reads must be what was checked.
     */
    private static final JsonMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
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
                bad = new VerifyReport.Problem(last + 1, null, VerifyReport.Problem.NOT_JSON, "line " + line + " is not JSON: "
                        + Shortened.to(String.valueOf(e.getOriginalMessage()), 200, "..."));
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

    /** The hash the line's format prescribes over {@code body} (the record, or format 3's packed body); null for a format this verifier does not know. */
    private static String expectedHash(JsonNode node, int format, long seq, String prevHash, byte[] body) {
        if (format == ChainHash.FORMAT_BODY_ONLY) {
            return ChainHash.of(seq, prevHash, body);
        }
        if (format != ChainHash.FORMAT_COLUMNS_AND_BODY && format != ChainHash.FORMAT_PACKED) {
            return null;
        }
        HashedColumns columns = new HashedColumns(RecordColumns.text(node, "decisionId"), RecordColumns.text(node, "kind"),
                RecordColumns.text(node, "contractId"), RecordColumns.text(node, "domain"), RecordColumns.text(node, "handoffType"),
                RecordColumns.text(node, "outcome"), RecordColumns.text(node, "posture"), RecordColumns.text(node, "rulesetVersion"),
                RecordColumns.text(node, "inputHash"), HashedColumns.micros(Instant.parse(RecordColumns.text(node, "recordedAt"))),
                HashedColumns.idList(ids(node, "firedRules")), HashedColumns.idList(ids(node, "gates")));
        return ChainHash.of(format, seq, prevHash, columns, body);
    }

    private static List<String> ids(JsonNode node, String field) {
        JsonNode list = node.get(field);
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException(field + " must be a list of ids");
        }
        // the stored list joins ids with spaces: ["A B"] would hash like ["A", "B"], so an id holding a space is no id
        List<String> ids = list.valueStream().map(id -> id.isString() ? id.asString() : "").toList();
        if (ids.stream().anyMatch(id -> id.isEmpty() || id.chars().anyMatch(Character::isWhitespace))) {
            throw new IllegalArgumentException(field + " must be a list of ids, each a non-empty string without spaces");
        }
        return ids;
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
        JsonNode formatField = node.get("format");
        if (formatField != null && !formatField.isIntegralNumber()) {
            return new VerifyReport.Problem(seq, decisionId, VerifyReport.Problem.NOT_JSON, "format must be a whole number");
        }
        int format = formatField != null ? formatField.asInt() : ChainHash.FORMAT_BODY_ONLY; // exports before V29 lack it
        if (format != ChainHash.FORMAT_PACKED && node.has("packed")) {
            return new VerifyReport.Problem(seq, decisionId, VerifyReport.Problem.NOT_JSON,
                    "only a format-3 line carries packed; this one is format " + format);
        }
        String expected;
        byte[] recordBytes = JSON.writeValueAsBytes(record);
        byte[] packed = null;
        if (format == ChainHash.FORMAT_PACKED) {
            JsonNode packedText = node.get("packed");
            if (packedText == null || !packedText.isString() || packedText.asString().isEmpty()) {
                return new VerifyReport.Problem(seq, decisionId, VerifyReport.Problem.NOT_JSON,
                        "a format-3 line needs packed: the stored packed body, base64, which its hash covers");
            }
            try {
                packed = java.util.Base64.getDecoder().decode(packedText.asString());
            } catch (IllegalArgumentException notBase64) {
                return new VerifyReport.Problem(seq, decisionId, VerifyReport.Problem.NOT_JSON,
                        "packed is not base64 (RFC 4648, standard alphabet, no line breaks): " + notBase64.getMessage());
            }
            if (!java.util.Base64.getEncoder().encodeToString(packed).equals(packedText.asString())) {
                return new VerifyReport.Problem(seq, decisionId, VerifyReport.Problem.NOT_JSON,
                        "packed is not written as the export writes it (base64 with its padding, unused bits zero)");
            }
        }
        try {
            expected = expectedHash(node, format, seq, prevHash, packed != null ? packed : recordBytes);
        } catch (RuntimeException malformed) {
            return new VerifyReport.Problem(seq, decisionId, VerifyReport.Problem.NOT_JSON,
                    "the record's columns cannot be read: " + malformed.getMessage());
        }
        if (!hash.equals(expected)) {
            return new VerifyReport.Problem(seq, decisionId, VerifyReport.Problem.HASH, "hash does not match the exported record");
        }
        if (packed != null) {
            String unlike;
            try {
                unlike = java.util.Arrays.equals(PackedBody.unpack(packed), recordBytes) ? null
                        : "record is not what the packed body holds (the packed body is what was hashed)";
            } catch (IllegalArgumentException unreadable) {
                unlike = unreadable.getMessage();
            }
            if (unlike != null) {
                return new VerifyReport.Problem(seq, decisionId, VerifyReport.Problem.RECORD_DIFFERS, unlike);
            }
        }
        // format 2 hashes the columns; comparing them with the record as well costs nothing here (the line is parsed)
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
