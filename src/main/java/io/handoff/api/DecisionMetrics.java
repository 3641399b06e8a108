package io.handoff.api;

import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

import io.handoff.decision.Decision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Decision telemetry for Prometheus: decisions by outcome, posture, domain and ruleset version; fires per rule
 * id (bounded by the rule ids of the versions that decided); decision latency histogram; rejections by code.
 */
@Component
class DecisionMetrics {
    private final MeterRegistry registry;
    private final Timer latency;

    DecisionMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder("handoff.decision.latency").description("time to validate, decide and record")
                .publishPercentileHistogram().register(registry);
    }

    void decided(Decision decision, long nanos) {
        latency.record(nanos, TimeUnit.NANOSECONDS);
        Counter.builder("handoff.decisions").description("decisions made")
                .tag("outcome", decision.outcome()).tag("posture", decision.posture()).tag("domain", decision.domain())
                .tag("ruleset", decision.rulesetVersion().substring(0, 12)).register(registry).increment();
        for (Decision.TraceEntry fired : decision.trace()) {
            Counter.builder("handoff.rule.fires").description("rule firings").tag("rule", fired.ruleId())
                    .register(registry).increment();
        }
    }

    void rejected(String code) {
        Counter.builder("handoff.rejections").description("requests refused, by problem code").tag("code", code)
                .register(registry).increment();
    }
}
