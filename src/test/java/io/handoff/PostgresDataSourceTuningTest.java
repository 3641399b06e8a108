package io.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.zaxxer.hikari.HikariDataSource;

class PostgresDataSourceTuningTest {
    private static HikariDataSource tuned(String url) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        new PostgresDataSourceTuning().postProcessBeforeInitialization(dataSource, "dataSource");
        return dataSource;
    }

    @Test
    void postgresBatchesBecomeMultiRowInserts() {
        assertThat(tuned("jdbc:postgresql://127.0.0.1:5432/test").getDataSourceProperties())
                .containsEntry(PostgresDataSourceTuning.REWRITE_BATCHED_INSERTS, "true");
    }

    @Test
    void leavesH2AndAnExplicitSettingAlone() {
        assertThat(tuned("jdbc:h2:file:./target/x").getDataSourceProperties()).isEmpty();
        assertThat(tuned("jdbc:postgresql://127.0.0.1:5432/test?reWriteBatchedInserts=false").getDataSourceProperties()).isEmpty();
    }
}
