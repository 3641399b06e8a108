package io.handoff.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import com.zaxxer.hikari.HikariDataSource;

/**
 * A caller's rate is one budget across instances: two instances (two connection pools) taking from the same
 * caller's bucket in PostgreSQL together get the caller's rate, not twice it; in-memory buckets would give twice.
 */
@EnabledIfEnvironmentVariable(named = "HANDOFF_TEST_POSTGRES_URL", matches = ".+",
        disabledReason = "shared rate-limit test skipped: set HANDOFF_TEST_POSTGRES_URL=jdbc:postgresql://127.0.0.1:5432/test?user=root (.ci/run does)")
class SharedRateLimitTest {
    private static final String URL = System.getenv("HANDOFF_TEST_POSTGRES_URL");
    private static final int PER_SECOND = 20;

    private final String schema = "rate_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private HikariDataSource first;
    private HikariDataSource second;

    @BeforeEach
    void migrateFreshSchema() {
        first = pool();
        second = pool();
        Flyway.configure().dataSource(first).locations("classpath:db/migration").schemas(schema).load().migrate();
    }

    @AfterEach
    void dropSchema() throws Exception {
        first.close();
        second.close();
        try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    @Test
    void twoInstancesShareOneCallersBudget() {
        CallerBuckets a = CallerBuckets.postgres(first, PER_SECOND);
        CallerBuckets b = CallerBuckets.postgres(second, PER_SECOND);
        long start = System.nanoTime();
        int granted = 0;
        for (int i = 0; i < 4 * PER_SECOND; i++) {
            if ((i % 2 == 0 ? a : b).bucket("dev-decider").tryConsume(1)) {
                granted++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // the bucket's capacity, what refilled meanwhile, and each instance's unsynchronized slack (1/20 of the rate)
        double allowed = PER_SECOND + PER_SECOND * seconds + 2 * Math.max(1, PER_SECOND / 20);
        assertThat(granted).as("granted in %.2f s across two instances", seconds).isGreaterThanOrEqualTo(PER_SECOND)
                .isLessThanOrEqualTo((int) Math.floor(allowed));
        assertThat(a.bucket("dev-admin").tryConsume(1)).as("another caller has its own budget").isTrue();
        assertThat(a.shared()).isTrue();
    }

    /** The first requests of a caller arrive together on both instances: none may fail (it was a 500 once). */
    @Test
    void concurrentFirstRequestsOnTwoInstancesCreateTheBucketWithoutFailing() throws Exception {
        CallerBuckets a = CallerBuckets.postgres(first, 1000);
        CallerBuckets b = CallerBuckets.postgres(second, 1000);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            java.util.List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                CallerBuckets instance = t % 2 == 0 ? a : b;
                results.add(pool.submit(() -> {
                    start.await();
                    return instance.bucket("dev-analyst").tryConsumeAndReturnRemaining(1).isConsumed();
                }));
            }
            start.countDown();
            for (java.util.concurrent.Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private HikariDataSource pool() {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        dataSource.setMaximumPoolSize(4);
        return dataSource;
    }
}
