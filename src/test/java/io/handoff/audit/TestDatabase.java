package io.handoff.audit;

import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * A migrated, empty database for one test class: a fresh H2 file under target/, or a fresh schema in the
 * PostgreSQL named by {@code HANDOFF_TEST_POSTGRES_URL} (which .ci/run sets).
 */
final class TestDatabase implements AutoCloseable {
    static final String POSTGRES_ENV = "HANDOFF_TEST_POSTGRES_URL";

    final String name;
    final HikariDataSource dataSource;
    final JdbcTemplate jdbc;
    final TransactionTemplate transactions;
    private final String schema;

    private TestDatabase(String name, String url, String schema) {
        this(name, url, schema, null);
    }

    private TestDatabase(String name, String url, String schema, String flywayTarget) {
        this.name = name;
        this.schema = schema;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(6);
        this.dataSource = new HikariDataSource(config);
        migrate(flywayTarget);
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /** Runs every migration not yet applied. */
    void migrate() {
        migrate(null);
    }

    /** Runs the migrations up to {@code target} not yet applied (null: all). */
    void migrate(String target) {
        var flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                .schemas(schema == null ? new String[0] : new String[] {schema});
        if (target != null) {
            flyway.target(target);
        }
        flyway.load().migrate();
    }

    static TestDatabase h2() {
        return h2(null);
    }

    /** Migrated up to {@code flywayTarget} (null: every migration). */
    static TestDatabase h2(String flywayTarget) {
        return new TestDatabase("H2", "jdbc:h2:file:./target/test-db/audit-" + UUID.randomUUID()
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE", null, flywayTarget);
    }

    static TestDatabase postgresOrNull() {
        return postgresOrNull(null);
    }

    /** Null when no PostgreSQL is configured. */
    static TestDatabase postgresOrNull(String flywayTarget) {
        String url = System.getenv(POSTGRES_ENV);
        if (url == null || url.isBlank()) {
            return null;
        }
        String schema = "audit_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String separator = url.contains("?") ? "&" : "?";
        return new TestDatabase("PostgreSQL", url + separator + "currentSchema=" + schema, schema, flywayTarget);
    }

    DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        if (schema != null && !dataSource.isClosed()) {
            jdbc.execute("DROP SCHEMA " + schema + " CASCADE");
        }
        dataSource.close();
    }
}
