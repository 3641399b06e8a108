package io.handoff;

import javax.sql.DataSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.handoff.ruleset.ActivePointer;
import io.handoff.ruleset.RulesetHistory;
import io.handoff.ruleset.RulesetLifecycle;
import io.handoff.ruleset.RulesetSync;
import io.handoff.ruleset.SyncProperties;

/**
 * What lets several instances share one database: the active ruleset pointer every instance follows. (The audit
 * chain needs nothing more: every writer locks its head row; rate-limit buckets are in {@code api}.)
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SyncProperties.class)
class ScaleOutConfiguration {
    @Bean
    ActivePointer activePointer(JdbcTemplate jdbc, TransactionTemplate transactions) {
        return new ActivePointer(jdbc, transactions);
    }

    @Bean(destroyMethod = "close")
    RulesetSync rulesetSync(RulesetLifecycle lifecycle, ActivePointer pointer, JdbcTemplate jdbc, DataSource dataSource,
                            SyncProperties properties) {
        return new RulesetSync(lifecycle, pointer, new RulesetHistory(jdbc), dataSource, properties);
    }
}
