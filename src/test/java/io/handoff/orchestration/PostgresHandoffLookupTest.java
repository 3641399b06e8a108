package io.handoff.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariDataSource;

import io.handoff.audit.AuditLog;

/**
 * The group commit reads the handoffs of its batch with one {@code = ANY(?)} statement. On PostgreSQL a
 * server-prepared statement keeps the generic plan it settled on while the table was small (a sequential scan)
 * until the table is analyzed, which a server without autovacuum never does: every commit then scanned the whole
 * table. The lookup must use the primary key once the table has grown, whatever was cached before.
 */
@EnabledIfEnvironmentVariable(named = "HANDOFF_TEST_POSTGRES_URL", matches = ".+",
        disabledReason = "PostgreSQL test skipped: set HANDOFF_TEST_POSTGRES_URL=jdbc:postgresql://127.0.0.1:5432/test?user=root (.ci/run does)")
class PostgresHandoffLookupTest {
    private static final String CASE = "cs-020-enterprise-tier2.yaml";
    private final String schema = "lookup_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private HikariDataSource dataSource;

    @AfterEach
    void close() {
        new JdbcTemplate(dataSource).execute("DROP SCHEMA " + schema + " CASCADE");
        dataSource.close();
    }

    @Test
    void theBatchLookupUsesTheKeyAfterTheTableGrew() throws Exception {
        String url = System.getenv("HANDOFF_TEST_POSTGRES_URL");
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        dataSource.setMaximumPoolSize(1); // one connection: the statement it prepared is the one that is reused
        Flyway.configure().dataSource(dataSource.getJdbcUrl(), null, null).schemas(schema)
                .locations("classpath:db/migration", "classpath:db/vendor/postgresql").outOfOrder(true).load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        try (AuditLog log = TestOpenings.auditLog(jdbc, transactions)) {
            Orchestrator orchestrator = TestOpenings.orchestrator(jdbc, transactions, log);
            for (int i = 0; i < 12; i++) { // past the driver's prepare threshold (5) while the table holds one row
                Orchestrator.Opening opening = TestOpenings.opening(CASE, "HC-LOOKUP");
                transactions.executeWithoutResult(status -> orchestrator.openings().writeAll(List.of(opening)));
            }
            jdbc.update("INSERT INTO handoff SELECT 'HC-BULK-' || n, decision_id, domain, handoff_type, customer_tier, "
                    + "sender_team, sender_actor, ruleset_version, decided_at, decision_outcome, score, fired_rules, status, "
                    + "posture, enforced, max_attempts, backoff_seconds, attempts, failures, next_attempt_at, updated_at "
                    + "FROM handoff, generate_series(1, 20000) AS n WHERE contract_id = 'HC-LOOKUP'");

            Orchestrator.Opening next = TestOpenings.opening(CASE, "HC-LOOKUP");
            Long scans = transactions.execute(status -> {
                orchestrator.openings().writeAll(List.of(next));
                return jdbc.queryForObject("SELECT seq_scan FROM pg_stat_xact_user_tables "
                        + "WHERE schemaname = current_schema() AND relname = 'handoff'", Long.class);
            });

            assertThat(scans).as("sequential scans of handoff in the commit after the table grew").isZero();
            assertThat(orchestrator.handoff("HC-LOOKUP").orElseThrow().decisionId()).isEqualTo(next.decision().decisionId());
        }
    }
}
