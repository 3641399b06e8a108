package io.handoff.audit;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The audit log on PostgreSQL, each run in a fresh schema. Runs when {@code HANDOFF_TEST_POSTGRES_URL} is set
 * (.ci/run sets it to the machine's PostgreSQL); otherwise every test here is reported as skipped, with why.
 */
@EnabledIfEnvironmentVariable(named = TestDatabase.POSTGRES_ENV, matches = ".+",
        disabledReason = "PostgreSQL audit tests skipped: set HANDOFF_TEST_POSTGRES_URL=jdbc:postgresql://127.0.0.1:5432/test?user=root (.ci/run does)")
class PostgresAuditLogTest extends AuditLogContract {
    @Override
    TestDatabase database(String flywayTarget) {
        return TestDatabase.postgresOrNull(flywayTarget);
    }
}
