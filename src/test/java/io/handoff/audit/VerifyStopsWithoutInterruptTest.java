package io.handoff.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.handoff.ShippedRuleset;
import io.handoff.contract.ContractValidator;
import io.handoff.decision.DecisionService;
import io.handoff.decision.RulesetRouting;
import io.handoff.ruleset.CaseRunner;
import io.handoff.ruleset.RuleCase;
import tools.jackson.databind.json.JsonMapper;

/**
 * A verify that stops at its first problem while workers are still reading later chunks must leave those reads alone:
 * interrupting a thread inside H2's file read closes the FileChannel, and H2 then closes the whole database (every
 * later statement of the service fails with "The database has been closed" until a restart).
 */
class VerifyStopsWithoutInterruptTest {
    @Test
    void aStoppedWalkLeavesTheH2DatabaseUsable() {
        try (TestDatabase db = TestDatabase.h2()) {
            List<AuditEntry> templates = new ArrayList<>();
            DecisionService decisions = new DecisionService(new ContractValidator(), RulesetRouting.fixed(ShippedRuleset::ruleset),
                    Clock.systemUTC(), (entry, decision, contract, submittedBy) -> templates.add(entry), new Masking(List.of()));
            CaseRunner.load(ShippedRuleset.RULES).stream().map(RuleCase::contract).map(JsonMapper.builder().build()::writeValueAsBytes)
                    .forEach(decisions::decide);
            AuditStore store = new AuditStore(db.jdbc, db.transactions);
            AuditStore.Head head = store.head();
            Instant at = Instant.parse("2026-01-01T00:00:00Z");
            for (int b = 0; b < 20; b++) {
                List<AuditStore.Prepared> batch = new ArrayList<>();
                for (int i = 0; i < 1000; i++) {
                    AuditEntry t = templates.get(i % templates.size());
                    String id = UUID.randomUUID().toString();
                    String body = t.body().replace(t.decisionId(), id);
                    batch.add(AuditStore.Prepared.of(new AuditEntry(id, t.kind(), t.contractId(), t.domain(), t.handoffType(),
                            t.outcome(), t.posture(), t.rulesetVersion(), t.inputHash(), at.plusMillis(b * 1000L + i), body,
                            t.ruleIds(), t.gateIds()), null, null));
                }
                List<AuditRecord> records = AuditStore.chain(head, batch);
                db.jdbc.batchUpdate(AuditStore.INSERT,
                        AuditStore.rows(records, batch));
                AuditRecord last = records.get(records.size() - 1);
                db.jdbc.update("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", last.seq(), last.hash());
                head = new AuditStore.Head(last.seq(), last.hash());
            }
            ChainVerifier verifier = new ChainVerifier(store, new SignedCheckpointStore(db.jdbc), null, 200, 4);
            assertThat(verifier.verify(null, null).intact()).isTrue();
            db.jdbc.update("UPDATE audit_record SET outcome = 'forged' WHERE seq = 3");
            for (int round = 0; round < 10; round++) {
                VerifyReport report = verifier.verify(null, null);
                assertThat(report.firstBad().seq()).as("round " + round).isEqualTo(3);
                assertThat(db.jdbc.queryForObject("SELECT COUNT(*) FROM audit_record", Long.class)).isEqualTo(20_000L);
            }
        }
    }
}
