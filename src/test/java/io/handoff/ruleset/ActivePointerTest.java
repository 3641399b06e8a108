package io.handoff.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariDataSource;

/** The shared active pointer on a real (H2 file) database: startup adoption, promote, rollback, and what followers read. */
class ActivePointerTest {
    private static final Instant NOW = Instant.parse("2026-11-22T00:00:00Z");
    private HikariDataSource dataSource;
    private ActivePointer pointer;

    @BeforeEach
    void migrate() {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:h2:file:./target/test-db/pointer-" + UUID.randomUUID() + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        pointer = new ActivePointer(new JdbcTemplate(dataSource), new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    @Test
    void aPromotionSurvivesARestartWithTheSameFoldersAndChangedFoldersTakeOver() {
        assertThat(pointer.postgres()).isFalse();
        ActivePointer.State first = pointer.claimAtStartup("folders-1", NOW);
        assertThat(first.version()).isEqualTo("folders-1");
        assertThat(first.canRollBack()).isFalse();

        ActivePointer.State promoted = pointer.push("candidate-2", NOW);
        assertThat(promoted.generation()).isGreaterThan(first.generation());
        assertThat(promoted.replaced()).isEqualTo("folders-1");

        ActivePointer.State restarted = pointer.claimAtStartup("folders-1", NOW);
        assertThat(restarted.version()).as("same folders: the promotion stays").isEqualTo("candidate-2");
        assertThat(restarted.generation()).isEqualTo(promoted.generation());

        ActivePointer.State deployed = pointer.claimAtStartup("folders-3", NOW);
        assertThat(deployed.version()).as("changed folders: a new deployment takes over").isEqualTo("folders-3");
        assertThat(deployed.lastEvent()).isEqualTo("activated");
        assertThat(pointer.read().orElseThrow()).isEqualTo(deployed);
    }

    @Test
    void rollbackPopsForEveryoneAndAnAutomaticRollbackDoesNotUndoALaterPromotion() {
        pointer.claimAtStartup("v1", NOW);
        pointer.push("v2", NOW);
        pointer.push("v3", NOW);

        assertThat(pointer.pop("v2", "auto-rolled-back", NOW)).as("v2 is no longer active: nothing to do").isEmpty();
        ActivePointer.State back = pointer.pop(null, "rolled-back", NOW).orElseThrow();
        assertThat(back.version()).isEqualTo("v2");
        assertThat(back.replaced()).isEqualTo("v3");
        assertThat(back.lastEvent()).isEqualTo("rolled-back");
        assertThat(pointer.pop(null, "rolled-back", NOW).orElseThrow().version()).isEqualTo("v1");
        assertThatThrownBy(() -> pointer.pop(null, "rolled-back", NOW)).isInstanceOf(LifecycleException.class)
                .hasMessageContaining("no earlier version");
        assertThat(pointer.read().orElseThrow().version()).isEqualTo("v1");
    }
}
