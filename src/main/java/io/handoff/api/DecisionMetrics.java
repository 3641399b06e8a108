package io.handoff.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    /** Meters looked up once per tag combination, not rebuilt on every decision. */
    private final Map<String, Counter> decisions = new ConcurrentHashMap<>();
    private final Map<String, Counter> fires = new ConcurrentHashMap<>();

    DecisionMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder("handoff.decision.latency").description("time to validate, decide and record")
                .publishPercentileHistogram().register(registry);
    }

    void decided(Decision decision, long nanos) {
        latency.record(nanos, TimeUnit.NANOSECONDS);
        String ruleset = decision.rulesetVersion().substring(0, 12);
        decisions.computeIfAbsent(decision.outcome() + "|" + decision.posture() + "|" + decision.domain() + "|" + ruleset,
                key -> Counter.builder("handoff.decisions").description("decisions made")
                        .tag("outcome", decision.outcome()).tag("posture", decision.posture())
                        .tag("domain", decision.domain()).tag("ruleset", ruleset).register(registry)).increment();
        for (Decision.TraceEntry fired : decision.trace()) {
            fires.computeIfAbsent(fired.ruleId(), rule -> Counter.builder("handoff.rule.fires").description("rule firings")
                    .tag("rule", rule).register(registry)).increment();
        }
    }

    void rejected(String code) {
        Counter.builder("handoff.rejections").description("requests refused, by problem code").tag("code", code)
                .register(registry).increment();
    }
}
