package io.handoff.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import io.handoff.ShippedRuleset;
import io.handoff.contract.ContractValidator;
import io.handoff.decision.DecisionService;
import io.handoff.decision.RulesetRouting;
import io.handoff.ruleset.CaseRunner;
import io.handoff.ruleset.RuleCase;
import tools.jackson.databind.json.JsonMapper;

/** The scale benchmark's COPY loader writes real format-3 records (packed bodies through COPY): chained, verifiable, and tampering still named. */
@EnabledIfEnvironmentVariable(named = TestDatabase.POSTGRES_ENV, matches = ".+",
        disabledReason = "PostgreSQL tests skipped: set HANDOFF_TEST_POSTGRES_URL=jdbc:postgresql://127.0.0.1:5432/test?user=root (.ci/run does)")
class PostgresBulkRecordsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void bulkRecordsAreChainedVerifiableFormatThreeRecords() {
        try (TestDatabase db = TestDatabase.postgresOrNull()) {
            List<AuditEntry> templates = new ArrayList<>();
            DecisionService decisions = new DecisionService(new ContractValidator(), RulesetRouting.fixed(ShippedRuleset::ruleset),
                    Clock.systemUTC(), (entry, decision, contract, submittedBy) -> templates.add(entry), new Masking(List.of()));
            CaseRunner.load(ShippedRuleset.RULES).stream().map(RuleCase::contract).map(JSON::writeValueAsBytes).forEach(decisions::decide);

            BulkRecords.append(db.jdbc, db.transactions, templates, 2_500, 100, 1000);

            assertThat(db.jdbc.queryForList("SELECT DISTINCT record_format FROM audit_record", Integer.class)).containsExactly(3);
            assertThat(db.jdbc.queryForObject("SELECT COUNT(*) FROM audit_record WHERE body IS NULL AND body_packed IS NOT NULL",
                    Integer.class)).isEqualTo(2_500);
            ChainVerifier verifier = new ChainVerifier(new AuditStore(db.jdbc, db.transactions), new SignedCheckpointStore(db.jdbc), null,
                    1000, 2);
            VerifyReport report = verifier.verify(null, null);
            assertThat(report.status()).as(report.toString()).isEqualTo("intact");
            assertThat(report.checked()).isEqualTo(2_500);
            assertThat(db.jdbc.queryForObject("SELECT COUNT(*) FROM audit_record WHERE contract_id = 'HC-BULK-000042'", Integer.class))
                    .isEqualTo(25);

            db.jdbc.update("UPDATE audit_record SET contract_id = 'HC-BULK-000043' WHERE seq = 2001");
            assertThat(verifier.verify(null, null).firstBad()).satisfies(bad -> {
                assertThat(bad.seq()).isEqualTo(2001);
                assertThat(bad.code()).isEqualTo(VerifyReport.Problem.HASH);
            });
        }
    }
}
