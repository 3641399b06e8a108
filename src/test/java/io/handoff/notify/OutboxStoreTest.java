package io.handoff.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The outbox on H2 and on PostgreSQL ({@code HANDOFF_TEST_POSTGRES_URL}): a notice commits with its transaction or not
 * at all, a due delivery is claimed by one sender only, failures wait for their backoff and die after the last try,
 * and an admin's retry puts a dead letter back in line.
 */
class OutboxStoreTest {
    private static final Webhook HOOK = new Webhook("ops", URI.create("http://127.0.0.1:9/hook"), "outbox-test-secret!", List.of(),
            List.of(), List.of(), false);

    static Stream<String> databases() {
        return Stream.of("H2", "PostgreSQL");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void noticesCommitWithTheirTransactionAndAreClaimedOnceRetriedAndDeadLettered(String database) {
        String schema = "outbox_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url;
        if (database.equals("H2")) {
            url = "jdbc:h2:file:./target/test-db/outbox-" + UUID.randomUUID() + ";DB_CLOSE_ON_EXIT=FALSE";
        } else {
            String pg = System.getenv("HANDOFF_TEST_POSTGRES_URL");
            Assumptions.assumeTrue(pg != null && !pg.isBlank(), "PostgreSQL test skipped: set HANDOFF_TEST_POSTGRES_URL");
            url = pg + (pg.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        }
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        dataSource.setMaximumPoolSize(2);
        try (dataSource) {
            Flyway.configure().dataSource(dataSource).schemas(database.equals("H2") ? new String[0] : new String[] {schema})
                    .locations("classpath:db/migration").outOfOrder(true).load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
            NotifyProperties properties = new NotifyProperties(List.of(HOOK), 2, Duration.ofSeconds(5), Duration.ofMinutes(1),
                    Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(60), null);
            Outbox outbox = new Outbox(jdbc, properties, Clock.systemUTC());
            OutboxStore store = new OutboxStore(jdbc);

            transactions.executeWithoutResult(status -> {
                outbox.emit(List.of(notice("rolled-back-with-its-event")));
                status.setRollbackOnly();
            });
            assertThat(outbox.deliveries(null, null, 10)).isEmpty();
            transactions.executeWithoutResult(status -> outbox.emit(List.of(notice("committed"))));
            Delivery.Claimable due = store.due(Instant.now().plusSeconds(1), 10).get(0);
            assertThat(due.delivery().eventId()).isEqualTo(Notice.eventId(NoticeKind.INCIDENT_OPENED, "committed"));

            assertThat(store.claim(due.delivery().deliveryId(), due.claims(), Instant.now().plusSeconds(60))).isTrue();
            assertThat(store.claim(due.delivery().deliveryId(), due.claims(), Instant.now().plusSeconds(60))).as("claimed already").isFalse();
            assertThat(store.due(Instant.now().plusSeconds(1), 10)).as("leased").isEmpty();

            store.failed(due.delivery().deliveryId(), 1, 503, "HTTP 503", Instant.now().plusSeconds(5), false);
            assertThat(store.due(Instant.now().plusSeconds(1), 10)).as("waits for its backoff").isEmpty();
            assertThat(store.due(Instant.now().plusSeconds(6), 10)).hasSize(1);
            store.failed(due.delivery().deliveryId(), 2, null, "ConnectException", Instant.now(), true);
            Delivery dead = outbox.deliveries(Delivery.DEAD, null, 10).get(0);
            assertThat(dead.attempts()).isEqualTo(2);
            assertThat(dead.lastStatus()).isNull();
            assertThat(store.due(Instant.now().plusSeconds(600), 10)).isEmpty();

            assertThat(outbox.retry(dead.deliveryId())).contains(true);
            assertThat(outbox.retry(dead.deliveryId())).as("not dead any more").contains(false);
            assertThat(outbox.retry("no-such-delivery")).isEmpty();
            assertThat(store.due(Instant.now().plusSeconds(1), 10)).singleElement()
                    .satisfies(d -> assertThat(d.delivery().eventId()).isEqualTo(dead.eventId()));

            transactions.executeWithoutResult(status -> outbox.emitOnce(List.of(notice("committed"), notice("second"))));
            assertThat(outbox.deliveries(null, null, 10)).as("a swept event is written once").hasSize(2);
            if (!database.equals("H2")) {
                jdbc.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    private static Notice notice(String subject) {
        return new Notice(Notice.eventId(NoticeKind.INCIDENT_OPENED, subject), NoticeKind.INCIDENT_OPENED.wire(), Instant.now(),
                "HC-1", "customer-support", List.of("support-tier2"), "critical", true, "incident opened", "/api/v1/incidents/x",
                Map.of("reason", "escalated"));
    }
}
