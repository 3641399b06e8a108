package io.handoff.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariDataSource;

import io.handoff.audit.AuditEntry;
import io.handoff.audit.AuditLog;
import io.handoff.audit.AuditProperties;
import io.handoff.audit.AuditQuery;
import io.handoff.audit.AuditRecord;

/**
 * Stored keys on the migrated schema: on H2, and on PostgreSQL (a fresh schema) when
 * {@code HANDOFF_TEST_POSTGRES_URL} is set.
 */
class StoredKeysTest {
    private static final SecurityProperties CONFIGURED = new SecurityProperties(Map.of("ops",
            new SecurityProperties.Key(ApiKeys.sha256("configured-ops"), List.of("auditor"))), false);

    static Stream<String> databases() {
        List<String> urls = new ArrayList<>(List.of("jdbc:h2:file:./target/test-db/keys-" + UUID.randomUUID() + ";WRITE_DELAY=0"));
        String postgres = System.getenv("HANDOFF_TEST_POSTGRES_URL");
        if (postgres != null && !postgres.isBlank()) {
            urls.add(postgres + (postgres.contains("?") ? "&" : "?") + "currentSchema=keys_test_"
                    + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        }
        return urls.stream();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void createsFindsListsAndRevokesKeysStoringOnlyTheirHash(String url) {
        String schema = url.contains("currentSchema=") ? url.substring(url.indexOf("currentSchema=") + 14) : null;
        try (HikariDataSource dataSource = new HikariDataSource()) {
            dataSource.setJdbcUrl(url);
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                    .schemas(schema == null ? new String[0] : new String[] {schema}).load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
            try (AuditLog auditLog = new AuditLog(jdbc, transactions, new AuditProperties(true, List.of(), 16, 64,
                    Duration.ofSeconds(5), Duration.ofHours(1), Map.of()))) {
                StoredKeys stored = new StoredKeys(jdbc, transactions, auditLog, Clock.systemUTC(), CONFIGURED);
                ApiKeys keys = new ApiKeys(CONFIGURED, stored::active);
                StoredKeys.Created created = stored.create("ci-decider", List.of("decider", "Decider", "analyst"), "admin-a");

                assertThat(created.key().roles()).containsExactly("decider", "analyst");
                assertThat(jdbc.queryForObject("SELECT sha256 FROM api_key", String.class)).isEqualTo(ApiKeys.sha256(created.secret()));
                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM api_key WHERE sha256 LIKE ?", Integer.class,
                        "%" + created.secret() + "%")).isZero();
                assertThat(keys.find(created.secret())).hasValueSatisfying(caller -> {
                    assertThat(caller.name()).isEqualTo("ci-decider");
                    assertThat(caller.roles()).containsExactly(Role.DECIDER, Role.ANALYST);
                });
                assertThat(keys.find("configured-ops")).map(ApiKeys.Caller::name).hasValue("ops");
                assertThat(stored.list()).singleElement().satisfies(key -> assertThat(key.createdBy()).isEqualTo("admin-a"));

                assertThatThrownBy(() -> stored.create("ops", List.of("auditor"), "admin-a"))
                        .isInstanceOfSatisfying(KeyRequestException.class, e -> assertThat(e.code()).isEqualTo("duplicate-key-name"));

                StoredKeys.StoredKey revoked = stored.revoke(created.key().id(), "admin-b");
                assertThat(revoked.revokedBy()).isEqualTo("admin-b");
                assertThat(revoked.revokedAt()).isNotNull();
                assertThat(keys.find(created.secret())).isEmpty();
                assertThatThrownBy(() -> stored.revoke(created.key().id(), "admin-b"))
                        .isInstanceOfSatisfying(KeyRequestException.class, e -> assertThat(e.code()).isEqualTo("key-already-revoked"));
                assertThatThrownBy(() -> stored.revoke("nope", "admin-b"))
                        .isInstanceOfSatisfying(KeyRequestException.class, e -> assertThat(e.code()).isEqualTo("unknown-key"));

                // creation and revocation are chain records (and only they: refused requests record nothing)
                List<AuditRecord> events = auditLog.search(AuditQuery.all().ofKind(AuditEntry.KEY_EVENT), 10);
                assertThat(events).extracting(AuditRecord::outcome).containsExactly("key-revoked", "key-created");
                assertThat(events).allSatisfy(event -> {
                    assertThat(event.record().get("keyId").asString()).isEqualTo(created.key().id());
                    assertThat(event.record().toString()).doesNotContain(created.secret()).doesNotContain(ApiKeys.sha256(created.secret()));
                });
                assertThat(events.get(0).record().get("actor").asString()).isEqualTo("admin-b");
                assertThat(events.get(1).record().get("actor").asString()).isEqualTo("admin-a");
                assertThat(auditLog.verify(null, null).status()).isEqualTo("intact");
            } finally {
                if (schema != null) {
                    jdbc.execute("DROP SCHEMA " + schema + " CASCADE");
                }
            }
        }
    }
}
