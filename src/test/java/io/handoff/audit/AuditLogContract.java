package io.handoff.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.handoff.ShippedRuleset;
import io.handoff.contract.ContractValidator;
import io.handoff.decision.Decision;
import io.handoff.decision.DecisionService;
import io.handoff.decision.RulesetRouting;
import io.handoff.decision.RejectedContractException;
import io.handoff.ruleset.CaseRunner;
import io.handoff.ruleset.RuleCase;
import tools.jackson.databind.json.JsonMapper;

/** The audit log's guarantees, run against each real database (H2 file, PostgreSQL). */
abstract class AuditLogContract {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<byte[]> CONTRACTS = CaseRunner.load(ShippedRuleset.RULES).stream()
            .map(RuleCase::contract).map(JSON::writeValueAsBytes).toList();

    private TestDatabase db;
    private AuditLog log;
    private MutableClock clock;
    private DecisionService decisions;

    /** A database migrated up to {@code flywayTarget} (null: every migration). */
    abstract TestDatabase database(String flywayTarget);

    TestDatabase database() {
        return database(null);
    }

    @BeforeEach
    void openLog() {
        db = database();
        log = new AuditLog(db.jdbc, db.transactions, new AuditProperties(true,
                List.of("/case/customer/email", "/case/customer/name"), 64, 1000, Duration.ofSeconds(10),
                Duration.ofHours(1), Map.of()));
        clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        decisions = new DecisionService(new ContractValidator(), RulesetRouting.fixed(ShippedRuleset::ruleset), clock, (entry, decision, contract, submittedBy) -> log.append(entry), log.masking());
    }

    @AfterEach
    void closeLog() {
        log.close();
        db.close();
    }

    @Test
    void concurrentDecisionsFormOneIntactChainAndAreAllFindable() throws Exception {
        List<String> ids = decideConcurrently(400);
        assertThat(new HashSet<>(ids)).hasSize(400);
        for (String id : ids) {
            assertThat(log.find(id)).as(id).isPresent();
        }
        List<Long> seqs = db.jdbc.queryForList("SELECT seq FROM audit_record ORDER BY seq", Long.class);
        assertThat(seqs).hasSize(400).first().isEqualTo(1L);
        assertThat(seqs.get(399)).isEqualTo(400L);
        VerifyReport report = log.verify(null, null);
        assertThat(report.status()).isEqualTo("intact");
        assertThat(report.checked()).isEqualTo(400);
        assertThat(log.batchesWritten()).as("group commit batched concurrent records").isLessThan(400);
    }

    /** Two instances on one database are two writers: each locks the chain head, so their batches interleave in one chain. */
    @Test
    void twoWritersOnOneDatabaseKeepOneIntactChain() throws Exception {
        AuditLog second = new AuditLog(db.jdbc, db.transactions, new AuditProperties(true, List.of(), 64, 1000,
                Duration.ofSeconds(10), Duration.ofHours(1), Map.of()));
        DecisionService secondDecisions = new DecisionService(new ContractValidator(), RulesetRouting.fixed(ShippedRuleset::ruleset),
                clock, (entry, decision, contract, submittedBy) -> second.append(entry), second.masking());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                byte[] contract = CONTRACTS.get(i % CONTRACTS.size());
                DecisionService writer = i % 2 == 0 ? decisions : secondDecisions;
                futures.add(pool.submit(() -> writer.decide(contract).decision().decisionId()));
            }
            Set<String> ids = new HashSet<>();
            for (Future<String> future : futures) {
                ids.add(future.get());
            }
            assertThat(ids).hasSize(400);
            // a writer wakes its callers before it counts the batch: give the counters a moment
            for (int i = 0; i < 50 && log.recordsWritten() + second.recordsWritten() < 400; i++) {
                Thread.sleep(20);
            }
            assertThat(log.recordsWritten()).as("records by the first writer").isEqualTo(200);
            assertThat(second.recordsWritten()).as("records by the second writer").isEqualTo(200);
            assertThat(db.jdbc.queryForList("SELECT decision_id FROM audit_record", String.class)).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(db.jdbc.queryForObject("SELECT MAX(seq) FROM audit_record", Long.class)).isEqualTo(400L);
            VerifyReport report = log.verify(null, null);
            assertThat(report.status()).as(report.toString()).isEqualTo("intact");
            assertThat(report.checked()).isEqualTo(400);
        } finally {
            pool.shutdownNow();
            second.close();
        }
    }

    @Test
    void recordKeepsMaskedContractDecisionAndChainFields() {
        Decision decision = decisions.decide(CONTRACTS.get(2)).decision();
        AuditRecord record = log.find(decision.decisionId()).orElseThrow();
        assertThat(record.seq()).isEqualTo(1);
        assertThat(record.prevHash()).isEqualTo(ChainHash.GENESIS);
        assertThat(record.rulesetVersion()).isEqualTo(decision.rulesetVersion());
        assertThat(record.inputHash()).isEqualTo(decision.inputHash());
        assertThat(record.record().at("/contract/case/customer/email").asString()).isEqualTo(Masking.MASK);
        assertThat(record.record().at("/contract/case/customer/name").asString()).isEqualTo(Masking.MASK);
        assertThat(record.record().get("maskedPointers").valueStream().map(n -> n.asString()))
                .containsExactly("/case/customer/email", "/case/customer/name");
        assertThat(record.record().at("/decision/trace/0/source/file").asString()).isNotBlank();
        assertThat(record.record().at("/decision/outcome").asString()).isEqualTo(decision.outcome());
        assertThat(record.record().has("timings")).isTrue();
    }

    @Test
    void rejectedAttemptIsRecordedWithItsViolations() {
        RejectedContractException rejected = org.junit.jupiter.api.Assertions.assertThrows(RejectedContractException.class,
                () -> decisions.decide("{\"contractId\": \"HC-BAD\", \"domain\": \"customer-support\"}".getBytes()));
        AuditRecord record = log.find(rejected.decisionId()).orElseThrow();
        assertThat(record.kind()).isEqualTo("rejection");
        assertThat(record.outcome()).isEqualTo("invalid-contract");
        assertThat(record.contractId()).isEqualTo("HC-BAD");
        assertThat(record.record().get("violations").size()).isEqualTo(rejected.violations().size());
    }

    @Test
    void changedByteInStoredRecordIsNamedByVerify() throws Exception {
        List<String> ids = decideConcurrently(30);
        StoredBodies.rewrite(db.jdbc, 17, body -> body.replace("\"score\":", "\"score\":1"));
        VerifyReport report = log.verify(null, null);
        assertThat(report.status()).isEqualTo("broken");
        assertThat(report.firstBad().seq()).isEqualTo(17);
        assertThat(report.firstBad().decisionId()).isIn(ids);
        assertThat(report.firstBad().problem()).contains("hash");
    }

    /**
     * Records are checked in parallel chunks and the chain joined at their edges: a record rewritten so that it is
     * consistent on its own (its link replaced, its hash recomputed) is caught when it is the first of a chunk, a
     * changed byte when it is the last, a removed record when a chunk would start with it.
     */
    @Test
    void tamperingAtAChunkEdgeIsNamedByVerify() throws Exception {
        decideConcurrently(30);
        ChainVerifier chunksOfEight = new ChainVerifier(new AuditStore(db.jdbc, db.transactions), new SignedCheckpointStore(db.jdbc),
                null, 8, 3);
        assertThat(chunksOfEight.verify(null, null).intact()).isTrue();

        String forged = "f".repeat(64);
        db.jdbc.update("UPDATE audit_record SET prev_hash = ?, hash = ? WHERE seq = 17", forged, DocumentedHash.of(db.jdbc, 17, forged));
        VerifyReport relinked = chunksOfEight.verify(null, null);
        assertThat(relinked.firstBad().seq()).isEqualTo(17);
        assertThat(relinked.firstBad().code()).isEqualTo(VerifyReport.Problem.LINK);

        StoredBodies.rewrite(db.jdbc, 16, body -> body.replace("\"score\":", "\"score\":1"));
        VerifyReport changed = chunksOfEight.verify(null, null);
        assertThat(changed.firstBad().seq()).isEqualTo(16);
        assertThat(changed.firstBad().code()).isEqualTo(VerifyReport.Problem.HASH);
        assertThat(changed.checked()).isEqualTo(15);

        db.jdbc.update("DELETE FROM audit_record WHERE seq = 9");
        VerifyReport removed = chunksOfEight.verify(null, null);
        assertThat(removed.firstBad().seq()).isEqualTo(9);
        assertThat(removed.firstBad().code()).isEqualTo(VerifyReport.Problem.MISSING);
        assertThat(log.verify(null, null).firstBad()).as("the default chunking names the same record").isEqualTo(removed.firstBad());
    }

    /**
     * Format 2 hashes every searchable column with the body: each one changed alone, on the first record of a chunk
     * (seq 9 with chunks of 8) and on the last (seq 16), is named as that record's hash mismatch.
     */
    @Test
    void changedIndexedColumnIsNamedByVerify() throws Exception {
        decideConcurrently(20);
        ChainVerifier chunksOfEight = new ChainVerifier(new AuditStore(db.jdbc, db.transactions), new SignedCheckpointStore(db.jdbc),
                null, 8, 2);
        assertThat(db.jdbc.queryForList("SELECT DISTINCT record_format FROM audit_record", Integer.class)).containsExactly(3);
        Map<String, String> changes = new java.util.LinkedHashMap<>();
        changes.put("decision_id", "decision_id = 'forged-id'");
        changes.put("kind", "kind = 'rejection'");
        changes.put("contract_id", "contract_id = 'HC-OTHER'");
        changes.put("domain", "domain = 'other-domain'");
        changes.put("handoff_type", "handoff_type = 'other-type'");
        changes.put("outcome", "outcome = 'other-outcome'");
        changes.put("posture", "posture = 'other'");
        changes.put("ruleset_version", "ruleset_version = 'v-other'");
        changes.put("input_hash", "input_hash = 'other-hash'");
        changes.put("recorded_at", "recorded_at = ?");
        changes.put("fired_rules", "fired_rules = ' GUARD-XX-999 '");
        changes.put("gates", "gates = ' other-gate '");
        changes.put("record_format", "record_format = 1");
        changes.put("record_format ", "record_format = 2");
        for (long seq : new long[] {9, 16}) {
            for (Map.Entry<String, String> change : changes.entrySet()) {
                String column = change.getKey().strip(); // "record_format " is a second change of the same column
                Map<String, Object> before = db.jdbc.queryForMap("SELECT * FROM audit_record WHERE seq = ?", seq);
                if (change.getKey().equals("recorded_at")) {
                    db.jdbc.update("UPDATE audit_record SET " + change.getValue() + " WHERE seq = " + seq,
                            java.time.OffsetDateTime.parse("2026-01-01T00:00:00.000001Z"));
                } else {
                    db.jdbc.update("UPDATE audit_record SET " + change.getValue() + " WHERE seq = " + seq);
                }
                VerifyReport report = chunksOfEight.verify(null, null);
                assertThat(report.firstBad()).as(change.getKey() + " at " + seq).isNotNull();
                assertThat(report.firstBad().seq()).as(change.getKey() + " at " + seq).isEqualTo(seq);
                assertThat(report.firstBad().code()).as(change.getKey() + " at " + seq).isEqualTo(VerifyReport.Problem.HASH);
                db.jdbc.update("UPDATE audit_record SET " + column + " = ? WHERE seq = ?", before.get(column), seq);
                assertThat(chunksOfEight.verify(null, null).intact()).as("restored " + change.getKey()).isTrue();
            }
        }
        // format 3 keeps its evidence in body_packed alone: text put in body beside it is named, though no hash covers it
        byte[] packed = db.jdbc.queryForObject("SELECT body_packed FROM audit_record WHERE seq = 12", byte[].class);
        db.jdbc.update("UPDATE audit_record SET body = ? WHERE seq = 12", StoredBodies.read(db.jdbc, 12));
        assertThat(chunksOfEight.verify(null, null).firstBad()).satisfies(bad -> {
            assertThat(bad.seq()).isEqualTo(12);
            assertThat(bad.code()).isEqualTo(VerifyReport.Problem.COLUMNS);
            assertThat(bad.problem()).contains("body holds text beside the packed body");
        });
        db.jdbc.update("UPDATE audit_record SET body = NULL WHERE seq = 12");
        // packed bytes that are no zlib stream, or none at all: a hash mismatch, not a failed verify
        db.jdbc.update("UPDATE audit_record SET body_packed = ? WHERE seq = 12", (Object) new byte[] {1, 2, 3});
        assertThat(chunksOfEight.verify(null, null).firstBad().code()).isEqualTo(VerifyReport.Problem.HASH);
        db.jdbc.update("UPDATE audit_record SET body_packed = NULL WHERE seq = 12");
        assertThat(chunksOfEight.verify(null, null).firstBad().code()).isEqualTo(VerifyReport.Problem.HASH);
        assertThat(chunksOfEight.verify(null, null).firstBad().seq()).isEqualTo(12);
        db.jdbc.update("UPDATE audit_record SET body_packed = ? WHERE seq = 12", (Object) packed);
        assertThat(chunksOfEight.verify(null, null).intact()).isTrue();
        // seqs swapped at a chunk edge: the record now at 8 does not link to 7
        db.jdbc.update("UPDATE audit_record SET seq = -1 WHERE seq = 8");
        db.jdbc.update("UPDATE audit_record SET seq = 8 WHERE seq = 9");
        db.jdbc.update("UPDATE audit_record SET seq = 9 WHERE seq = -1");
        VerifyReport swapped = chunksOfEight.verify(null, null);
        assertThat(swapped.firstBad().seq()).isEqualTo(8);
        assertThat(swapped.firstBad().code()).isEqualTo(VerifyReport.Problem.LINK);
    }

    /**
     * Existing databases hold format-1 rows (written before V29) and format-2 rows (V29 to V31): after the migrations
     * they verify as they always did (format 1: hash of seq, link and body, columns against the body's JSON; format 2:
     * hash of seq, link, columns and body text), new records continue the same chain in format 3 (packed body), and
     * the whole chain verifies online and from an export.
     */
    @Test
    void olderFormatRowsStillVerifyAndTheChainContinuesInFormatThree() throws Exception {
        try (TestDatabase old = database("28")) {
            List<AuditEntry> entries = new ArrayList<>();
            DecisionService before = new DecisionService(new ContractValidator(), RulesetRouting.fixed(ShippedRuleset::ruleset), clock,
                    (entry, decision, contract, submittedBy) -> entries.add(entry), log.masking());
            for (int i = 0; i < 12; i++) {
                before.decide(CONTRACTS.get(i % CONTRACTS.size()));
            }
            OlderFormatRows.formatOne(old.jdbc, entries); // as the code before V29 wrote them
            old.migrate("31");
            List<AuditEntry> formatTwo = new ArrayList<>();
            DecisionService between = new DecisionService(new ContractValidator(), RulesetRouting.fixed(ShippedRuleset::ruleset), clock,
                    (entry, decision, contract, submittedBy) -> formatTwo.add(entry), log.masking());
            for (int i = 0; i < 6; i++) {
                between.decide(CONTRACTS.get((i + 3) % CONTRACTS.size()));
            }
            OlderFormatRows.formatTwo(old.jdbc, formatTwo); // as the code from V29 to V31 wrote them
            old.migrate();
            AuditLog upgraded = new AuditLog(old.jdbc, old.transactions, new AuditProperties(true,
                    List.of("/case/customer/email", "/case/customer/name"), 64, 1000, Duration.ofSeconds(10),
                    Duration.ofHours(1), Map.of()));
            try {
                DecisionService after = new DecisionService(new ContractValidator(), RulesetRouting.fixed(ShippedRuleset::ruleset),
                        clock, (entry, decision, contract, submittedBy) -> upgraded.append(entry), upgraded.masking());
                for (int i = 0; i < 10; i++) {
                    after.decide(CONTRACTS.get(i % CONTRACTS.size()));
                }
                assertThat(old.jdbc.queryForList("SELECT record_format FROM audit_record ORDER BY seq", Integer.class))
                        .containsExactlyElementsOf(java.util.stream.Stream.of(java.util.Collections.nCopies(12, 1),
                                java.util.Collections.nCopies(6, 2), java.util.Collections.nCopies(10, 3)).flatMap(List::stream).toList());
                assertThat(old.jdbc.queryForObject("SELECT COUNT(*) FROM audit_record WHERE (record_format = 3) = (body IS NULL)"
                        + " AND (record_format = 3) = (body_packed IS NOT NULL)", Integer.class)).isEqualTo(28);
                ChainVerifier chunksOfFive = new ChainVerifier(new AuditStore(old.jdbc, old.transactions),
                        new SignedCheckpointStore(old.jdbc), null, 5, 2);
                VerifyReport report = chunksOfFive.verify(null, null);
                assertThat(report.status()).as(report.toString()).isEqualTo("intact");
                assertThat(report.checked()).isEqualTo(28);
                assertThat(upgraded.verify(null, null).intact()).isTrue();
                assertThat(upgraded.find(entries.get(3).decisionId()).orElseThrow().format()).isEqualTo(1);
                AuditRecord two = upgraded.find(formatTwo.get(2).decisionId()).orElseThrow();
                assertThat(two.format()).isEqualTo(2);
                assertThat(JSON.writeValueAsString(two.record())).isEqualTo(formatTwo.get(2).body());

                StringBuilder export = new StringBuilder();
                upgraded.stream(AuditQuery.all().ofKind(AuditQuery.ALL_KINDS), r -> export.append(JSON.writeValueAsString(r)).append('\n'));
                VerifyReport offline = new ExportVerifier(List.of(), List.of()).verify(new java.io.BufferedReader(
                        new java.io.StringReader(export.toString())));
                assertThat(offline.status()).as(offline.toString()).isEqualTo("intact");
                assertThat(offline.checked()).isEqualTo(28);

                // a format-1 row is still checked the old way: a column against its body, a body byte against its hash
                old.jdbc.update("UPDATE audit_record SET contract_id = 'HC-OTHER' WHERE seq = 6");
                assertThat(chunksOfFive.verify(null, null).firstBad()).satisfies(bad -> {
                    assertThat(bad.seq()).isEqualTo(6);
                    assertThat(bad.code()).isEqualTo(VerifyReport.Problem.COLUMNS);
                });
                old.jdbc.update("UPDATE audit_record SET contract_id = ? WHERE seq = 6", entries.get(5).contractId());
                old.jdbc.update("UPDATE audit_record SET body = REPLACE(body, '\"score\":', '\"score\":1') WHERE seq = 5");
                assertThat(chunksOfFive.verify(null, null).firstBad()).satisfies(bad -> {
                    assertThat(bad.seq()).isEqualTo(5);
                    assertThat(bad.code()).isEqualTo(VerifyReport.Problem.HASH);
                });
                // nor can a format-1 row be passed off as format 2 (or back): the formats hash different inputs
                old.jdbc.update("UPDATE audit_record SET body = ? WHERE seq = 5", entries.get(4).body());
                old.jdbc.update("UPDATE audit_record SET record_format = 2 WHERE seq = 11");
                assertThat(chunksOfFive.verify(null, null).firstBad()).satisfies(bad -> {
                    assertThat(bad.seq()).isEqualTo(11);
                    assertThat(bad.code()).isEqualTo(VerifyReport.Problem.HASH);
                });
                old.jdbc.update("UPDATE audit_record SET record_format = 1 WHERE seq = 11");
                // a format-2 row is checked by its hash over the text: a changed body byte, or the row passed off as format 3
                StoredBodies.rewrite(old.jdbc, 15, body -> body.replace("\"score\":", "\"score\":1"));
                assertThat(chunksOfFive.verify(null, null).firstBad()).satisfies(bad -> {
                    assertThat(bad.seq()).isEqualTo(15);
                    assertThat(bad.code()).isEqualTo(VerifyReport.Problem.HASH);
                });
                old.jdbc.update("UPDATE audit_record SET body = ? WHERE seq = 15", formatTwo.get(2).body());
                assertThat(chunksOfFive.verify(null, null).intact()).isTrue();
                old.jdbc.update("UPDATE audit_record SET record_format = 3, body_packed = ? WHERE seq = 15",
                        (Object) PackedBody.pack(formatTwo.get(2).body()));
                assertThat(chunksOfFive.verify(null, null).firstBad()).satisfies(bad -> {
                    assertThat(bad.seq()).isEqualTo(15);
                    assertThat(bad.code()).isEqualTo(VerifyReport.Problem.HASH);
                });
            } finally {
                upgraded.close();
            }
        }
    }

    @Test
    void deletedOrTruncatedRecordsAreNamedByVerify() throws Exception {
        decideConcurrently(20);
        db.jdbc.update("DELETE FROM audit_record WHERE seq = 20");
        VerifyReport truncated = log.verify(null, null);
        assertThat(truncated.firstBad().seq()).isEqualTo(20);
        assertThat(truncated.firstBad().problem()).contains("missing");
        db.jdbc.update("DELETE FROM audit_record WHERE seq = 11");
        VerifyReport report = log.verify(null, null);
        assertThat(report.firstBad().seq()).isEqualTo(11);
        assertThat(report.firstBad().problem()).contains("missing");
    }

    @Test
    void verifiesARange() throws Exception {
        decideConcurrently(25);
        VerifyReport report = log.verify(5L, 12L);
        assertThat(report.intact()).isTrue();
        assertThat(report.checked()).isEqualTo(8);
        assertThat(report.fromSeq()).isEqualTo(5);
        assertThat(report.toSeq()).isEqualTo(12);
    }

    @Test
    void filtersAndCursorPagingAreStable() throws Exception {
        List<String> ids = decideConcurrently(CONTRACTS.size() * 2);
        List<String> paged = new ArrayList<>();
        AuditQuery query = AuditQuery.all();
        while (true) {
            List<AuditRecord> page = log.search(query, 7);
            page.forEach(r -> paged.add(r.decisionId()));
            if (page.size() < 7) {
                break;
            }
            query = query.before(page.get(page.size() - 1).seq());
        }
        assertThat(paged).hasSize(ids.size()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
        // a listing reads the columns only: the same records, no body read (nothing inflated)
        assertThat(log.summaries(AuditQuery.all(), 500)).allSatisfy(r -> assertThat(r.record()).isNull())
                .extracting(AuditRecord::hash).containsExactlyElementsOf(log.search(AuditQuery.all(), 500).stream().map(AuditRecord::hash).toList());

        assertThat(log.search(new AuditQuery("HC-CASE-001", null, null, null, null, null, null, null, null, null), 100))
                .hasSize(2).allSatisfy(r -> assertThat(r.contractId()).isEqualTo("HC-CASE-001"));
        assertThat(log.search(new AuditQuery(null, null, "escalate", null, null, null, null, null, null, null), 500))
                .isNotEmpty().allSatisfy(r -> assertThat(r.outcome()).isEqualTo("escalate"));
        assertThat(log.search(new AuditQuery(null, "product-management", null, "critical", null, null, null, null, null, null), 500))
                .isNotEmpty().allSatisfy(r -> assertThat(r.posture()).isEqualTo("critical"));
        assertThat(log.search(new AuditQuery(null, null, null, null, null, "GUARD-REL-010", null, null, null, null), 500))
                .isNotEmpty().allSatisfy(r -> assertThat(r.record().get("decision").get("trace").toString()).contains("GUARD-REL-010"));
        assertThat(log.search(new AuditQuery(null, null, null, null, null, null, "incident-command", null, null, null), 500))
                .isNotEmpty().allSatisfy(r -> assertThat(r.record().at("/decision/approvals").toString()).contains("incident-command"));
        assertThat(log.search(new AuditQuery(null, null, null, null, ShippedRuleset.ruleset().version(), null, null,
                clock.instant(), clock.instant().plusSeconds(1), null), 500)).hasSize(ids.size());
        assertThat(log.search(new AuditQuery(null, null, null, null, "no-such-version", null, null, null, null, null), 500)).isEmpty();
    }

    @Test
    void streamsEveryMatchingRecordOldestFirst() throws Exception {
        decideConcurrently(60);
        List<Long> seqs = Collections.synchronizedList(new ArrayList<>());
        log.stream(AuditQuery.all(), r -> seqs.add(r.seq()));
        assertThat(seqs).hasSize(60).isSorted();
    }

    @Test
    void retentionRemovesExpiredRangesAndTheChainStaysVerifiable() throws Exception {
        decideConcurrently(CONTRACTS.size());
        Set<String> old = new HashSet<>(db.jdbc.queryForList("SELECT decision_id FROM audit_record", String.class));
        clock.advance(Duration.ofDays(100));
        decideConcurrently(10);
        Retention.Report report = log.applyRetention(clock.instant());
        assertThat(report.removed()).isPositive();
        List<String> keptOld = db.jdbc.queryForList("SELECT decision_id FROM audit_record WHERE posture <> 'green' "
                + "OR posture IS NULL", String.class);
        assertThat(db.jdbc.queryForObject("SELECT COUNT(*) FROM audit_record WHERE posture = 'green' AND recorded_at < ?",
                Integer.class, java.time.OffsetDateTime.parse("2026-02-01T00:00:00Z"))).isZero();
        assertThat(keptOld).isNotEmpty();
        assertThat(log.checkpoints()).hasSize(report.ranges());
        assertThat(log.verify(null, null).status()).isEqualTo("intact");
        assertThat(old).containsAll(db.jdbc.queryForList("SELECT decision_id FROM audit_record WHERE recorded_at < ?",
                String.class, java.time.OffsetDateTime.parse("2026-02-01T00:00:00Z")));

        db.jdbc.update("UPDATE audit_checkpoint SET last_hash = ? WHERE first_seq = (SELECT MIN(first_seq) FROM audit_checkpoint)",
                ChainHash.GENESIS);
        assertThat(log.verify(null, null).status()).isEqualTo("broken");
    }

    @Test
    void unreachableStoreFailsTheDecisionInsteadOfReturningItUnrecorded() {
        decisions.decide(CONTRACTS.get(0));
        db.dataSource.close();
        assertThatThrownBy(() -> decisions.decide(CONTRACTS.get(1))).isInstanceOf(AuditUnavailableException.class);
    }

    private List<String> decideConcurrently(int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                byte[] contract = CONTRACTS.get(i % CONTRACTS.size());
                futures.add(pool.submit(() -> decisions.decide(contract).decision().decisionId()));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> future : futures) {
                ids.add(future.get());
            }
            return ids;
        } finally {
            pool.shutdownNow();
        }
    }
}
