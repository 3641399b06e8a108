package io.handoff.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.handoff.ShippedRuleset;
import io.handoff.cli.HandoffCli;
import io.handoff.contract.ContractValidator;
import io.handoff.decision.DecisionService;
import io.handoff.decision.RulesetRouting;
import io.handoff.ruleset.CaseRunner;
import io.handoff.ruleset.RuleCase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signed checkpoints against someone who can write the database, on each real database (H2 file, PostgreSQL):
 * rewriting history and re-chaining it, changing a column, forging a checkpoint, and an auditor's offline check.
 */
abstract class SignedChainContract {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<byte[]> CONTRACTS = CaseRunner.load(ShippedRuleset.RULES).stream()
            .map(RuleCase::contract).map(JSON::writeValueAsBytes).toList();

    @TempDir
    Path dir;
    private TestDatabase db;
    private AuditLog log;
    private DecisionService decisions;
    private Path keyFile;

    abstract TestDatabase database();

    @BeforeEach
    void openSignedLog() {
        db = database();
        keyFile = dir.resolve("keys/audit-signing.pem");
        SigningKeys.generate(keyFile);
        log = open(1_000_000, Duration.ofHours(1));
    }

    private AuditLog open(int everyRecords, Duration every) {
        AuditSigning signing = new AuditSigning(SigningKeys.load(keyFile), new FileCheckpointSink(dir.resolve("sink")),
                everyRecords, every, List.of());
        AuditLog opened = new AuditLog(db.jdbc, db.transactions, new AuditProperties(true, List.of(), 64, 1000,
                Duration.ofSeconds(10), Duration.ofHours(1), Map.of()), signing, java.time.Clock.systemUTC());
        decisions = new DecisionService(new ContractValidator(), RulesetRouting.fixed(ShippedRuleset::ruleset),
                new MutableClock(Instant.parse("2026-01-01T00:00:00Z")), (entry, decision, contract, submittedBy) -> opened.append(entry),
                opened.masking());
        return opened;
    }

    @AfterEach
    void close() {
        log.close();
        db.close();
    }

    @Test
    void historyRewrittenAndReChainedIsNamedAfterTheLastSignedCheckpoint() {
        decide(10);
        assertThat(log.signCheckpoint()).hasValueSatisfying(c -> assertThat(c.seq()).isEqualTo(10));
        decide(10);
        assertThat(log.signCheckpoint()).hasValueSatisfying(c -> assertThat(c.seq()).isEqualTo(20));
        decide(10);
        assertThat(log.verify(null, null)).satisfies(r -> {
            assertThat(r.status()).isEqualTo("intact");
            assertThat(r.signedCheckpoints()).isEqualTo(2);
        });

        // the attack of issue 18: change an outcome in body and column alike, recompute every later hash, move the head,
        // and remove the database's copy of the checkpoints; only the external sink still holds them
        long seq = db.jdbc.queryForObject("SELECT MIN(seq) FROM audit_record WHERE seq BETWEEN 13 AND 20 AND outcome <> 'accept'",
                Long.class);
        String outcome = db.jdbc.queryForObject("SELECT outcome FROM audit_record WHERE seq = ?", String.class, seq);
        StoredBodies.rewrite(db.jdbc, seq, body -> body.replace("\"outcome\":\"" + outcome + "\"", "\"outcome\":\"accept\""));
        db.jdbc.update("UPDATE audit_record SET outcome = 'accept' WHERE seq = ?", seq);
        reChainFrom(seq);
        db.jdbc.update("DELETE FROM audit_signed_checkpoint");

        VerifyReport report = log.verify(null, null);
        assertThat(report.status()).isEqualTo("broken");
        assertThat(report.firstBad().code()).isEqualTo("re-chained");
        assertThat(report.firstBad().problem()).startsWith("re-chained after signed checkpoint seq 10: record 20 ")
                .contains("a record in 11..20 was rewritten")
                .contains("held only by the external checkpoints", "either the database's copy was removed");
        assertThat(report.firstBad().seq()).isEqualTo(20);
        assertThat(report.checked()).as("every record up to the checkpoint is consistent in itself").isEqualTo(19);
    }

    /**
     * The trap of a sink that outlives its database: a new, empty database started beside the old checkpoint sink (the
     * default sink is a folder under the working directory) is broken against the old checkpoints, rightly, and the
     * problem says where those checkpoints come from and which setting gives a new database a sink of its own.
     */
    @Test
    void aSinkLeftByAReplacedDatabaseIsNamedAsSuch() {
        decide(10);
        assertThat(log.signCheckpoint()).hasValueSatisfying(c -> assertThat(c.seq()).isEqualTo(10));
        log.close();
        db.close();
        db = database();
        log = open(1_000_000, Duration.ofHours(1));
        decide(10);

        VerifyReport report = log.verify(null, null);
        assertThat(report.status()).isEqualTo("broken");
        assertThat(report.firstBad().code()).isEqualTo("re-chained");
        assertThat(report.firstBad().seq()).isEqualTo(10);
        assertThat(report.firstBad().problem()).contains(dir.resolve("sink").toString())
                .contains("another database", "handoff.audit.signing.sink-dir");
        // the database's own checkpoints carry no such note: the chain they anchor is this database's
        assertThat(log.signCheckpoint()).isPresent();
        assertThat(log.verify(null, null).problems()).filteredOn(p -> p.problem().contains("another database")).hasSize(1);
    }

    /** A record's hash covers its searchable columns (format 2): a changed column is a changed record. */
    @Test
    void aChangedOutcomeOrRulesetColumnIsNamed() {
        decide(12);
        String original = db.jdbc.queryForObject("SELECT outcome FROM audit_record WHERE seq = 7", String.class);
        db.jdbc.update("UPDATE audit_record SET outcome = ? WHERE seq = 7", "accept".equals(original) ? "escalate" : "accept");
        VerifyReport outcome = log.verify(null, null);
        assertThat(outcome.firstBad().seq()).isEqualTo(7);
        assertThat(outcome.firstBad().code()).isEqualTo("hash-mismatch");
        db.jdbc.update("UPDATE audit_record SET outcome = ? WHERE seq = 7", original);
        assertThat(log.verify(null, null).status()).isEqualTo("intact");
        db.jdbc.update("UPDATE audit_record SET ruleset_version = 'v-other', kind = 'rejection' WHERE seq = 3");
        assertThat(log.verify(null, null).firstBad()).satisfies(bad -> {
            assertThat(bad.seq()).isEqualTo(3);
            assertThat(bad.code()).isEqualTo("hash-mismatch");
        });
    }

    @Test
    void aTamperedCheckpointSignatureIsNamed() throws Exception {
        decide(5);
        SignedCheckpoint signed = log.signCheckpoint().orElseThrow();
        Path sink = dir.resolve("sink").resolve(FileCheckpointSink.FILE);
        String line = Files.readString(sink);
        char flipped = signed.signature().charAt(3) == 'A' ? 'B' : 'A';
        Files.writeString(sink, line.replace(signed.signature(), signed.signature().substring(0, 3) + flipped
                + signed.signature().substring(4)));
        VerifyReport report = log.verify(null, null);
        assertThat(report.status()).isEqualTo("broken");
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("checkpoint-signature-invalid");
            assertThat(p.seq()).isEqualTo(5);
        });
        assertThat(report.signedCheckpoints()).as("the database's intact copy is still reached").isEqualTo(1);
    }

    @Test
    void signsEveryNRecordsAndOnClose() throws Exception {
        log.close();
        log = open(10, Duration.ofHours(1));
        decide(25);
        for (int i = 0; i < 100 && log.signedCheckpoints().isEmpty(); i++) {
            Thread.sleep(50);
        }
        assertThat(log.signedCheckpoints()).isNotEmpty().allSatisfy(c -> assertThat(c.seq()).isGreaterThanOrEqualTo(10));
        log.close();
        assertThat(FileCheckpointSink.readDirectory(dir.resolve("sink"))).last()
                .satisfies(c -> assertThat(c.seq()).as("close signs the last head").isEqualTo(25));
        log = open(1_000_000, Duration.ofHours(1));
        assertThat(log.verify(null, null).signedCheckpoints()).isEqualTo(FileCheckpointSink.readDirectory(dir.resolve("sink")).size());
    }

    @Test
    void anUntouchedExportVerifiesOfflineAndOneChangedByteFails() throws Exception {
        decide(8);
        log.signCheckpoint();
        decide(4);
        Path export = dir.resolve("export.ndjson");
        List<String> lines = new ArrayList<>();
        log.stream(AuditQuery.all().ofKind(AuditQuery.ALL_KINDS), r -> lines.add(JSON.writeValueAsString(r)));
        Files.write(export, lines);
        String publicKey = SigningKeys.publicKeyFileOf(keyFile).toString();

        Run intact = verifyExport(export, publicKey);
        assertThat(intact.exit()).as(intact.out()).isZero();
        assertThat(intact.out()).contains("INTACT: 12 record(s), seq 1..12, 1 signed checkpoint(s) reached");

        String line = lines.get(4);
        int year = line.indexOf("\"recordedAt\":\"2026", line.indexOf("\"record\":")) + "\"recordedAt\":\"202".length();
        lines.set(4, line.substring(0, year) + "7" + line.substring(year + 1));
        Files.write(export, lines);
        Run broken = verifyExport(export, publicKey);
        assertThat(broken.exit()).isEqualTo(1);
        assertThat(broken.out()).as("format 3: the record is not what the hashed packed body holds")
                .startsWith("BROKEN at seq 5 (").contains("[record-differs]");

        // format 2 hashes the columns: a search column changed in the export (not in the record) is named too
        lines.set(4, line);
        String third = lines.get(2);
        lines.set(2, third.replaceFirst("\"firedRules\":\\[\"", "\"firedRules\":[\"X"));
        assertThat(lines.get(2)).as("the third record fired a rule").isNotEqualTo(third);
        Files.write(export, lines);
        Run renamedRule = verifyExport(export, publicKey);
        assertThat(renamedRule.exit()).isEqualTo(1);
        assertThat(renamedRule.out()).startsWith("BROKEN at seq 3 (").contains("[hash-mismatch]");
        // the stored id list joins ids with spaces: two ids written as one would hash alike, so an id with a space is refused
        JsonNode thirdNode = JSON.readTree(third);
        List<String> fired = thirdNode.get("firedRules").valueStream().map(JsonNode::asString).toList();
        assertThat(fired).as("the third record fired two rules or more").hasSizeGreaterThan(1);
        var joined = (tools.jackson.databind.node.ObjectNode) thirdNode.deepCopy();
        joined.putArray("firedRules").add(fired.get(0) + " " + fired.get(1)).addAll(fired.subList(2, fired.size()).stream()
                .map(tools.jackson.databind.node.StringNode::valueOf).toList());
        lines.set(2, JSON.writeValueAsString(joined));
        Files.write(export, lines);
        Run joinedIds = verifyExport(export, publicKey);
        assertThat(joinedIds.exit()).isEqualTo(1);
        assertThat(joinedIds.out()).startsWith("BROKEN at seq 3 (").contains("[not-json]").contains("without spaces");

        // format 3 hashes the packed body: a record changed and packed again to match is a hash mismatch, a line without
        // its packed body cannot be checked, and packed bytes that are no zlib stream are named as such
        lines.set(2, third);
        var node = (tools.jackson.databind.node.ObjectNode) JSON.readTree(line);
        assertThat(node.get("format").asInt()).isEqualTo(3);
        String recordText = JSON.writeValueAsString(node.get("record"));
        int at = recordText.indexOf("\"recordedAt\":\"2026") + "\"recordedAt\":\"202".length();
        String altered = recordText.substring(0, at) + "7" + recordText.substring(at + 1);
        var forged = node.deepCopy();
        forged.set("record", JSON.readTree(altered));
        forged.put("packed", java.util.Base64.getEncoder().encodeToString(PackedBody.pack(altered)));
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put(JSON.writeValueAsString(forged), "[hash-mismatch]");
        cases.put(JSON.writeValueAsString(node.deepCopy().put("packed", java.util.Base64.getEncoder().encodeToString(new byte[] {1, 2}))),
                "[hash-mismatch]");
        var withoutPacked = node.deepCopy();
        withoutPacked.remove("packed");
        cases.put(JSON.writeValueAsString(withoutPacked), "[not-json]: a format-3 line needs packed");
        String packedText = node.get("packed").asString();
        if (packedText.endsWith("=")) { // the same bytes, spelled without their padding
            cases.put(line.replace(packedText, packedText.replace("=", "")), "[not-json]: packed is not written as the export writes it");
        }
        cases.put(line.replace(packedText, packedText.substring(0, 4) + "*" + packedText.substring(4)), "[not-json]: packed is not base64");
        cases.put(line.replace("\"format\":3", "\"format\":\"3\""), "[not-json]: format must be a whole number");
        // a field twice reads differently to a first-wins and a last-wins reader: refused, whichever comes first
        cases.put(line.replace("\"record\":{", "\"record\":" + JSON.writeValueAsString(forged.get("record")) + ",\"record\":{"),
                "[not-json]: line 5 is not JSON: Duplicate Object property \"record\"");
        cases.put(line.replace("\"seq\":5,", "\"seq\":5,\"seq\":6,"), "[not-json]: line 5 is not JSON: Duplicate Object property \"seq\"");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            lines.set(4, c.getKey());
            Files.write(export, lines);
            Run forgedRun = verifyExport(export, publicKey);
            assertThat(forgedRun.exit()).isEqualTo(1);
            assertThat(forgedRun.out()).startsWith("BROKEN at seq 5 ").contains(c.getValue());
        }
        lines.set(4, line);
        Files.write(export, lines);
        assertThat(verifyExport(export, publicKey).exit()).isZero();
    }

    private void decide(int count) {
        for (int i = 0; i < count; i++) {
            decisions.decide(CONTRACTS.get(i % CONTRACTS.size()));
        }
    }

    /** What an attacker with write access does: recompute every hash from {@code seq} on with the documented formula. */
    private void reChainFrom(long seq) {
        String prev = db.jdbc.queryForObject("SELECT prev_hash FROM audit_record WHERE seq = ?", String.class, seq);
        long head = db.jdbc.queryForObject("SELECT MAX(seq) FROM audit_record", Long.class);
        for (long s = seq; s <= head; s++) {
            String hash = DocumentedHash.of(db.jdbc, s, prev); // docs/audit.md
            db.jdbc.update("UPDATE audit_record SET prev_hash = ?, hash = ? WHERE seq = ?", prev, hash, s);
            prev = hash;
        }
        db.jdbc.update("UPDATE audit_head SET hash = ? WHERE id = 1", prev);
    }

    private record Run(int exit, String out) {
    }

    private Run verifyExport(Path export, String publicKey) {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            int exit = HandoffCli.run("verify-export", export.toString(), "--checkpoints", dir.resolve("sink").toString(),
                    "--public-key", publicKey);
            return new Run(exit, bytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }
}
