package io.handoff;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;

import com.zaxxer.hikari.HikariDataSource;

/**
 * On PostgreSQL, lets the driver send each JDBC batch of inserts as multi-row INSERTs: the audit writer inserts a
 * group commit's records (and what they open) as a few batches, and one statement of N rows costs the server far
 * less than N executions of one row. Set only on PostgreSQL URLs (H2 rejects connection properties it does not
 * know) and only where the URL or configuration does not say otherwise.
 */
final class PostgresDataSourceTuning implements BeanPostProcessor {
    private static final Logger log = LoggerFactory.getLogger(PostgresDataSourceTuning.class);
    static final String REWRITE_BATCHED_INSERTS = "reWriteBatchedInserts";

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null
                && hikari.getJdbcUrl().startsWith("jdbc:postgresql:")
                && !hikari.getJdbcUrl().contains(REWRITE_BATCHED_INSERTS)
                && !hikari.getDataSourceProperties().containsKey(REWRITE_BATCHED_INSERTS)) {
            hikari.addDataSourceProperty(REWRITE_BATCHED_INSERTS, "true");
            log.info("PostgreSQL: the driver sends batched inserts as multi-row INSERTs ({}=true)", REWRITE_BATCHED_INSERTS);
        }
        return bean;
    }
}
