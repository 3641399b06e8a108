package io.handoff.orchestration;

import java.time.Instant;
import java.util.List;

/** The scorecard and threshold tuning, read against the metrics file analysts keep. */
final class Measures {
    private final HandoffStore store;
    private final OrchestrationProperties properties;

    Measures(HandoffStore store, OrchestrationProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    /** The metrics file as analysts left it; a mistake comes back naming the file and the metric, not as a 500 trace. */
    MetricDefinitions metricDefinitions() {
        try {
            return MetricDefinitions.read(java.nio.file.Path.of(properties.metricsFile()));
        } catch (IllegalArgumentException e) {
            throw new OrchestrationException(500, "invalid-metrics-file", e.getMessage());
        }
    }

    Scorecard.Report scorecard(Instant from, Instant to, String rulesetVersion) {
        MetricDefinitions definitions = metricDefinitions();
        try {
            return Scorecard.build(store, definitions, from, to, rulesetVersion);
        } catch (IllegalArgumentException e) {
            throw new OrchestrationException(500, "invalid-metrics-file", properties.metricsFile() + ": " + e.getMessage());
        }
    }

    /** The scorecard of each day in [from, to), for charts over time. */
    List<Scorecard.Report> scorecardByDay(Instant from, Instant to) {
        MetricDefinitions definitions = metricDefinitions();
        try {
            return Scorecard.daily(store, definitions, from, to);
        } catch (IllegalArgumentException e) {
            throw new OrchestrationException(500, "invalid-metrics-file", properties.metricsFile() + ": " + e.getMessage());
        }
    }

    /** Backtests the score cut-offs of the given ruleset's posture table; recommends, never edits. */
    ThresholdTuning.Report tuning(io.handoff.engine.Ruleset ruleset) {
        TuningSettings settings = metricDefinitions().tuning();
        try {
            return ThresholdTuning.build(ruleset, store, settings);
        } catch (IllegalStateException e) {
            throw new OrchestrationException(409, "tuning-unavailable", e.getMessage());
        }
    }
}
