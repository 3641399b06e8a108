package io.handoff.audit;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Signed checkpoints on PostgreSQL, each run in a fresh schema; skipped without {@code HANDOFF_TEST_POSTGRES_URL}. */
@EnabledIfEnvironmentVariable(named = TestDatabase.POSTGRES_ENV, matches = ".+",
        disabledReason = "PostgreSQL audit tests skipped: set HANDOFF_TEST_POSTGRES_URL=jdbc:postgresql://127.0.0.1:5432/test?user=root (.ci/run does)")
class PostgresSignedChainTest extends SignedChainContract {
    @Override
    TestDatabase database() {
        return TestDatabase.postgresOrNull();
    }
}
