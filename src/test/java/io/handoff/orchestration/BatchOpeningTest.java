package io.handoff.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariDataSource;

import io.handoff.audit.AuditEntry;
import io.handoff.audit.AuditLog;
import io.handoff.decision.Decision;
import io.handoff.decision.DecisionJson;
import io.handoff.decision.ResubmissionException;

/**
 * What a group-committed batch of decisions opens, written in one pass: when two decisions for the same contract
 * land in one batch, the later one is the handoff's state, the earlier one's gates are never left pending, and
 * the timeline (the decisions from the log) links the two.
 */
class BatchOpeningTest {
    private HikariDataSource dataSource;

    @AfterEach
    void close() {
        dataSource.close();
    }

    @Test
    void aLaterDecisionInTheSameBatchSupersedesTheEarlierOne() throws Exception {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:h2:file:./target/test-db/batch-" + UUID.randomUUID() + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        try (AuditLog log = TestOpenings.auditLog(jdbc, transactions)) {
            Orchestrator orchestrator = TestOpenings.orchestrator(jdbc, transactions, log);
            Orchestrator.Opening pending = TestOpenings.opening("cs-030-enterprise-sev1-engineering.yaml", "HC-BATCH"); // two gates
            Orchestrator.Opening accepted = TestOpenings.opening("cs-020-enterprise-tier2.yaml", "HC-BATCH");           // no gate
            assertThat(pending.decision().outcome()).isEqualTo("accept-pending-approval");
            assertThat(accepted.decision().outcome()).isEqualTo("accept");

            transactions.executeWithoutResult(status -> {
                // as the audit writer does: the decisions' records and what they open, in one transaction
                for (Orchestrator.Opening opening : List.of(pending, accepted)) {
                    log.appendNow(entryOf(opening.decision()));
                }
                orchestrator.openings().writeAll(List.of(pending, accepted));
            });

            HandoffState state = orchestrator.handoff("HC-BATCH").orElseThrow();
            assertThat(state.decisionId()).isEqualTo(accepted.decision().decisionId());
            assertThat(state.status()).isEqualTo(HandoffState.ACCEPTED);
            assertThat(orchestrator.approvals(null, "pending", 10)).isEmpty();
            List<Records.Transition> timeline = orchestrator.timeline("HC-BATCH").orElseThrow().timeline();
            assertThat(timeline).extracting(Records.Transition::toStatus).containsExactly("awaiting-approval", "accepted");
            assertThat(timeline.get(1).fromStatus()).isEqualTo("awaiting-approval");
        }
    }

    @Test
    void aCheckedDecisionPlannedOnAnotherStateOfItsHandoffIsRefusedAndOpensNothing() throws Exception {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:h2:file:./target/test-db/batch-" + UUID.randomUUID() + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        try (AuditLog log = TestOpenings.auditLog(jdbc, transactions)) {
            Orchestrator orchestrator = TestOpenings.orchestrator(jdbc, transactions, log);
            Orchestrator.Opening first = TestOpenings.opening("cs-030-enterprise-sev1-engineering.yaml", "HC-CHECKED");
            orchestrator.openings().writeAll(List.of(first));
            // planned as the contract's first decision, but the handoff already has one: another decision landed first
            Orchestrator.Opening stale = TestOpenings.opening("cs-020-enterprise-tier2.yaml", "HC-CHECKED");
            Orchestrator.Opening checked = new Orchestrator.Opening(stale.decision(), stale.contract(), true, true, null);
            assertThatThrownBy(() -> transactions.executeWithoutResult(status -> orchestrator.openings().writeAll(List.of(checked))))
                    .isInstanceOf(ResubmissionException.class).hasMessageContaining("changed");
            assertThat(orchestrator.handoff("HC-CHECKED").orElseThrow().decisionId()).isEqualTo(first.decision().decisionId());
            assertThat(orchestrator.approvals(null, "pending", 10)).hasSize(2);
        }
    }

    private static AuditEntry entryOf(Decision d) {
        return new AuditEntry(d.decisionId(), AuditEntry.DECISION, d.contractId(), d.domain(), d.handoffType(), d.outcome(),
                d.posture(), d.rulesetVersion(), d.inputHash(), d.recordedAt(), "{\"decision\":" + DecisionJson.write(d) + "}",
                List.of(), List.of());
    }
}
