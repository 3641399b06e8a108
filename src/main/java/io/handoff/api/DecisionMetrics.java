package io.handoff.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

import io.handoff.decision.Decision;
import io.handoff.rollout.RolloutFlags;
import io.handoff.rollout.RolloutRule;
import io.handoff.telemetry.TeamLabels;
import io.handoff.telemetry.TelemetryProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Decision telemetry for Prometheus: decisions by outcome, posture, domain and ruleset version; fires per rule
 * id (bounded by the rule ids of the versions that decided); decision latency histogram; rejections by code; decisions
 * by rollout mode and sending team (team bounded by {@link TeamLabels}).
 */
@Component
class DecisionMetrics {
    private final MeterRegistry registry;
    private final Timer latency;
    /** Meters looked up once per tag combination, not rebuilt on every decision. */
    private final Map<String, Counter> decisions = new ConcurrentHashMap<>();
    private final Map<String, Counter> fires = new ConcurrentHashMap<>();
    private final Map<String, Counter> rollouts = new ConcurrentHashMap<>();
    private final TeamLabels teams;

    DecisionMetrics(MeterRegistry registry, RolloutFlags flags, TelemetryProperties telemetry) {
        this.registry = registry;
        this.teams = new TeamLabels(() -> flags.rules().stream().map(RolloutRule::team)
                .filter(t -> !RolloutRule.ANY.equals(t)).toList(), telemetry.maxTeams());
        this.latency = Timer.builder("handoff.decision.latency").description("time to validate, decide and record")
                .publishPercentileHistogram().register(registry);
    }

    void decided(Decision decision, String team, long nanos) {
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
        String mode = decision.rollout() == null ? "enforce" : decision.rollout().mode();
        String label = teams.label(team);
        rollouts.computeIfAbsent(mode + "|" + label, key -> Counter.builder("handoff.rollout.decisions")
                .description("decisions made, by rollout mode and sending team (teams beyond the bound are 'other')")
                .tag("mode", mode).tag("team", label).register(registry)).increment();
    }

    void rejected(String code) {
        Counter.builder("handoff.rejections").description("requests refused, by problem code").tag("code", code)
                .register(registry).increment();
    }
}
