package io.handoff.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;

import com.zaxxer.hikari.HikariDataSource;

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
            try {
                StoredKeys stored = new StoredKeys(jdbc, Clock.systemUTC(), CONFIGURED);
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
            } finally {
                if (schema != null) {
                    jdbc.execute("DROP SCHEMA " + schema + " CASCADE");
                }
            }
        }
    }
}
