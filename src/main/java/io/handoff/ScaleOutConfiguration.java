package io.handoff;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.handoff.api.AdmissionControl;
import io.handoff.api.CallerBuckets;
import io.handoff.ruleset.ActivePointer;
import io.handoff.ruleset.RulesetHistory;
import io.handoff.ruleset.RulesetLifecycle;
import io.handoff.ruleset.RulesetSync;
import io.handoff.ruleset.SyncProperties;

/**
 * What lets several instances share one database: the active ruleset pointer every instance follows and the
 * per-caller rate-limit buckets. (The audit chain needs nothing more: every writer locks its head row.)
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SyncProperties.class)
class ScaleOutConfiguration {
    @Bean
    ActivePointer activePointer(JdbcTemplate jdbc, TransactionTemplate transactions) {
        return new ActivePointer(jdbc, transactions);
    }

    /** Per-caller rate-limit buckets: in PostgreSQL, shared by every instance, unless turned off; in memory on H2. */
    @Bean
    CallerBuckets callerBuckets(ActivePointer pointer, DataSource dataSource, AdmissionControl.BudgetProperties budget,
                                @Value("${handoff.budget.shared-rate-limit:true}") boolean shared) {
        if (pointer.postgres() && shared) {
            return CallerBuckets.postgres(dataSource, budget.perCallerPerSecond());
        }
        return CallerBuckets.inMemory(budget.perCallerPerSecond());
    }

    @Bean(destroyMethod = "close")
    RulesetSync rulesetSync(RulesetLifecycle lifecycle, ActivePointer pointer, RulesetHistory history, DataSource dataSource,
                            SyncProperties properties) {
        return new RulesetSync(lifecycle, pointer, history, dataSource, properties);
    }
}
