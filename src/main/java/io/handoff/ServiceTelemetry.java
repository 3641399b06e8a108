package io.handoff;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

import io.handoff.audit.AuditLog;
import io.handoff.engine.Ruleset;
import io.handoff.rollout.Preflight;
import io.handoff.ruleset.RulesetLifecycle;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * Service-level telemetry: audit write latency and batch size, queue depth, the active ruleset version as an
 * info metric, the rollout's critical share; and the health indicators readiness depends on (a ruleset is
 * active and its cases did not fail, the audit store answers).
 */
@Configuration(proxyBeanMethods = false)
class ServiceTelemetry {
    private final MultiGauge activeVersion;
    private final RulesetLifecycle lifecycle;
    private String shownVersion;

    ServiceTelemetry(MeterRegistry registry, AuditLog auditLog, RulesetLifecycle lifecycle) {
        this.lifecycle = lifecycle;
        Timer write = Timer.builder("handoff.audit.write").description("audit batch transaction time")
                .publishPercentileHistogram().register(registry);
        DistributionSummary batch = DistributionSummary.builder("handoff.audit.batch.size")
                .description("records per audit transaction").register(registry);
        auditLog.onBatch((size, nanos) -> {
            write.record(nanos, TimeUnit.NANOSECONDS);
            batch.record(size);
        });
        Gauge.builder("handoff.audit.queue.depth", auditLog, AuditLog::queueDepth)
                .description("records waiting for the audit writer").register(registry);
        Gauge.builder("handoff.rollout.critical.share", lifecycle, l -> l.rollout().criticalShare())
                .description("share of critical decisions in the active version's window").register(registry);
        this.activeVersion = MultiGauge.builder("handoff.ruleset.active").description("1 for the active ruleset version")
                .register(registry);
        refresh();
    }

    /**
     * Re-registers the gauge only when the active version changed: re-registering the same row every time removes
     * and re-adds the meter, and a Prometheus scrape in between saw it twice and answered 500.
     */
    @Scheduled(fixedDelay = 2000)
    synchronized void refresh() {
        String version = lifecycle.active().version();
        if (!version.equals(shownVersion)) {
            activeVersion.register(List.of(MultiGauge.Row.of(Tags.of("version", version), 1)), true);
            shownVersion = version;
        }
    }

    @Bean
    HealthIndicator ruleset(RulesetLifecycle rulesets, Preflight preflight) {
        return () -> {
            Ruleset active = rulesets.active();
            if (active == null) {
                return Health.down().withDetail("reason", "no active ruleset").build();
            }
            Optional<Preflight.CaseSummary> cases = preflight.cases(active);
            if (cases.isEmpty()) {
                // ready: a decision that comes before the cases end waits for them (docs/operations.md, "Startup")
                return Health.up().withDetail("version", active.version()).withDetail("cases", "pending").build();
            }
            Preflight.CaseSummary summary = cases.get();
            Health.Builder health = summary.failing().isEmpty() ? Health.up() : Health.down();
            return health.withDetail("version", active.version())
                    .withDetail("cases", summary.failing().isEmpty() ? "passed" : "failed")
                    .withDetail("casesPassed", summary.passed() + "/" + summary.cases())
                    .withDetail("failing", summary.failing()).build();
        };
    }

    @Bean
    HealthIndicator auditStore(AuditLog auditLog) {
        return () -> auditLog.reachable() ? Health.up().withDetail("queueDepth", auditLog.queueDepth()).build()
                : Health.down().withDetail("reason", "the audit store does not answer").build();
    }
}
