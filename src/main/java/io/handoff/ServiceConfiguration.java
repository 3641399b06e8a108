package io.handoff;

import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.support.TransactionTemplate;

import io.handoff.api.AdmissionControl;
import io.handoff.api.ApiProperties;
import io.handoff.audit.Alongside;
import io.handoff.audit.AuditLog;
import io.handoff.audit.AuditProperties;
import io.handoff.audit.SigningProperties;
import io.handoff.audit.SigningSetup;
import io.handoff.contract.ContractValidator;
import io.handoff.decision.DecisionRecorder;
import io.handoff.decision.EvaluationLimit;
import io.handoff.decision.IdempotencyKeys;
import io.handoff.notify.Outbox;
import io.handoff.rollout.Preflight;
import io.handoff.orchestration.StepMeters;
import io.handoff.rollout.RolloutFlags;
import io.handoff.ruleset.CaseRunner;
import io.handoff.orchestration.FollowUps;
import io.handoff.orchestration.Recovery;
import io.handoff.orchestration.Lineage;
import io.handoff.orchestration.OrchestrationProperties;
import io.handoff.orchestration.Orchestrator;
import io.handoff.decision.DecisionService;
import io.handoff.decision.ReplayService;
import io.handoff.ruleset.ActivePointer;
import io.handoff.ruleset.CheckProperties;
import io.handoff.ruleset.IsolatedCheck;
import io.handoff.ruleset.ActiveRuleset;
import io.handoff.ruleset.RulesetArchive;
import io.handoff.ruleset.RulesetHistory;
import io.handoff.ruleset.RulesetLifecycle;
import io.handoff.ruleset.RulesetProperties;
import io.handoff.ruleset.RolloutProperties;
import io.handoff.ruleset.ShadowStore;
import io.micrometer.core.instrument.MeterRegistry;

/** Wires the Spring-free core (contract, engine, decision, ruleset, audit) into the service. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties({RulesetProperties.class, CheckProperties.class, ApiProperties.class, AuditProperties.class, SigningProperties.class, RolloutProperties.class,
        AdmissionControl.BudgetProperties.class, OrchestrationProperties.class})
class ServiceConfiguration {
    private static final Logger log = LoggerFactory.getLogger(ServiceConfiguration.class);

    /** Static: a post-processor must exist before the data source it tunes. */
    @Bean
    static PostgresDataSourceTuning postgresDataSourceTuning() {
        return new PostgresDataSourceTuning();
    }

    @Bean
    H2Durability h2Durability(JdbcTemplate jdbc) {
        return new H2Durability(jdbc);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The contract's asOf against the receive time: docs/operations.md, "asOf window". */
    @Bean
    ContractValidator contractValidator(
            @org.springframework.beans.factory.annotation.Value("${handoff.contract.as-of.max-future-skew:PT5M}") java.time.Duration skew,
            @org.springframework.beans.factory.annotation.Value("${handoff.contract.as-of.max-age:PT15M}") java.time.Duration age,
            @org.springframework.beans.factory.annotation.Value("${handoff.contract.as-of.max-age-applies-to-1-0:false}") boolean for10) {
        return new ContractValidator(new io.handoff.contract.AsOfWindow(skew, age, for10));
    }

    /** Signs the chain head with a key held outside the database; the prod profile refuses to start without one. */
    @Bean(destroyMethod = "close")
    AuditLog auditLog(JdbcTemplate jdbc, TransactionTemplate transactions, AuditProperties properties,
                      SigningProperties signing, Clock clock) {
        return new AuditLog(jdbc, transactions, properties, SigningSetup.from(signing), clock);
    }

    @Bean
    RulesetArchive rulesetArchive(JdbcTemplate jdbc, TransactionTemplate transactions) {
        return new RulesetArchive(jdbc, transactions);
    }

    /** The active ruleset; its sources are archived before it decides anything, so every decision can be replayed. */
    @Bean
    ActiveRuleset activeRuleset(RulesetProperties properties, RulesetArchive archive, Clock clock,
                                ObjectProvider<RulesetPrecompile> precompile) {
        RulesetPrecompile early = precompile.getIfAvailable();
        ActiveRuleset active = new ActiveRuleset(early != null ? early.take(properties) : ActiveRuleset.compile(properties));
        archive.store(active.get(), clock.instant());

        log.info("active ruleset {} ({} rules from {} sources)", active.get().version(), active.get().rules().size(),
                active.get().sources().size());
        return active;
    }

    /** Lifecycle events are audit records too, written in the same transaction as the history row and the change. */
    @Bean
    RulesetHistory rulesetHistory(JdbcTemplate jdbc, TransactionTemplate transactions, AuditLog auditLog,
                                  AuditProperties properties, Outbox outbox) {
        return new RulesetHistory(jdbc, transactions, auditLog, properties.recording(), outbox);
    }

    @Bean(destroyMethod = "close")
    RulesetLifecycle rulesetLifecycle(ActiveRuleset activeRuleset, RulesetArchive archive, RulesetHistory history, JdbcTemplate jdbc,
                                      ContractValidator validator, Clock clock, RolloutProperties rollout,
                                      RulesetProperties properties, ActivePointer pointer, CheckProperties check,
                                      OrchestrationProperties approvers, Orchestrator orchestrator) {
        // the child checks gate roles against this service's approver directory (it has no Spring to read it);
        // a rollback opens a ruleset incident in its own transaction (issue 22, recovery)
        return new RulesetLifecycle(activeRuleset, archive, history, new ShadowStore(jdbc), validator, clock,
                rollout, properties.compiler(), pointer, new IsolatedCheck(check, properties, approvers.coveredRoles()),
                orchestrator.rulesetIncidents());
    }

    /** Re-decides the open handoffs a rolled-back version decided, on the active version, as recorded revisions. */
    @Bean
    Recovery recovery(Orchestrator orchestrator, AuditLog auditLog, DecisionService decisions, RulesetLifecycle lifecycle, Clock clock) {
        return new Recovery(orchestrator, auditLog, decisions, () -> lifecycle.active().version(), clock);
    }

    /**
     * The time limit of a live evaluation (docs/operations.md): it ends a runaway request with 503 evaluation-timeout
     * and a fault record; it never changes a decision. One evaluation thread per evaluation slot by default.
     */
    @Bean(destroyMethod = "close")
    EvaluationLimit evaluationLimit(@Value("${handoff.decisions.evaluation-timeout:2s}") java.time.Duration timeout,
                                    @Value("${handoff.decisions.evaluation-threads:${handoff.budget.max-concurrent:32}}") int threads) {
        return new EvaluationLimit(timeout, threads);
    }

    @Bean
    DecisionService decisionService(ContractValidator validator, RulesetLifecycle lifecycle, Clock clock,
                                    AuditLog auditLog, AuditProperties properties, Orchestrator orchestrator,
                                    Preflight preflight, IdempotencyKeys keys, EvaluationLimit evaluationLimit,
                                    @Value("${handoff.orchestration.open-on-decision:true}") boolean openOnDecision) {
        // a decision, the idempotency key it claims and what it opens (approvals, an incident, the handoff's state)
        // commit in one transaction: see DecisionRecording
        // handoff.audit.recording=false (benchmarks only) takes away the log and nothing else: what a decision
        // opens is still written, in the same group commit, without a record
        Alongside openings = openOnDecision ? orchestrator.openings() : null;
        DecisionRecorder recorder = new DecisionRecording(auditLog, openings, keys, properties.recording());
        if (!openOnDecision) {
            log.warn("handoff.orchestration.open-on-decision=false: decisions open no approvals, incidents or handoff state. "
                    + "Use this for benchmarks only.");
        }
        if (!properties.recording()) {
            log.warn("handoff.audit.recording=false: decisions are NOT recorded in the audit log. Use this for benchmarks only.");
        }
        // the ticket's and receiver's history is written with the openings, and read before each decision's rules run
        return new DecisionService(validator, lifecycle, clock, recorder, auditLog.masking(), preflight,
                new Lineage(orchestrator, auditLog), keys, evaluationLimit,
                openOnDecision ? orchestrator.history() : io.handoff.decision.HistorySource.NONE);
    }

    /** Idempotency keys of POST /api/v1/decisions, kept for handoff.decisions.idempotency-retention (docs/api.md). */
    @Bean
    IdempotencyKeys idempotencyKeys(JdbcTemplate jdbc, Clock clock,
                                    @Value("${handoff.decisions.idempotency-retention:24h}") java.time.Duration retention) {
        return new IdempotencyKeys(jdbc, clock, retention);
    }

    @Bean
    RolloutFlags rolloutFlags(JdbcTemplate jdbc, TransactionTemplate transactions, AuditLog auditLog, Clock clock,
                              @Value("${handoff.rollout.default-mode:enforce}") String defaultMode) {
        return new RolloutFlags(jdbc, transactions, auditLog, clock, defaultMode);
    }

    @Bean
    Preflight preflight(RolloutFlags flags, RulesetLifecycle lifecycle, AuditLog auditLog, OrchestrationProperties approvers,
                        ContractValidator validator, Clock clock, RulesetProperties properties) {
        Preflight preflight = new Preflight(flags, lifecycle, auditLog, approvers, validator, clock,
                () -> CaseRunner.load(properties.rulesFolder(), properties.tablesFolder()));
        // Drools compiles constraints lazily on first use: without a warm-up the first live decisions are slow (and
        // could pass the evaluation time limit, a 503, never a different decision). Running the cases warms every
        // path and is the ruleset health check that every decision's preflight relies on. They run beside the rest
        // of startup and after ready: a decision that comes first waits for them, and is refused if one fails; the
        // ruleset health (readiness group) says pending, then passed, or goes DOWN (docs/operations.md, "Startup").
        long start = System.nanoTime();
        preflight.warmInBackground(lifecycle.active()).thenAccept(cases -> {
            String took = "active ruleset warmed and checked on its cases in " + (System.nanoTime() - start) / 1_000_000 + " ms: ";
            if (cases.failing().isEmpty()) {
                log.info("{}{}/{} pass", took, cases.passed(), cases.cases());
            } else {
                log.error("{}{}/{} pass; FAILING {}: decisions on this version are refused (503 preflight-failed), readiness is DOWN",
                        took, cases.passed(), cases.cases(), cases.failing());
            }
        });
        return preflight;
    }

    @Bean
    FollowUps followUps(Orchestrator orchestrator, RulesetLifecycle lifecycle, Clock clock, Outbox outbox) {
        return new FollowUps(orchestrator, lifecycle, clock, outbox);
    }

    @Bean
    Orchestrator orchestrator(JdbcTemplate jdbc, TransactionTemplate transactions, AuditLog auditLog, Clock clock,
                              OrchestrationProperties properties, Outbox outbox, MeterRegistry registry) {
        return new Orchestrator(jdbc, transactions, auditLog, clock, properties, outbox,
                new StepMeters(registry));
    }

    @Bean
    ReplayService replayService(AuditLog auditLog, RulesetArchive archive, DecisionService decisions,
                                ActiveRuleset activeRuleset) {
        return new ReplayService(auditLog, archive, decisions, activeRuleset);
    }
}
