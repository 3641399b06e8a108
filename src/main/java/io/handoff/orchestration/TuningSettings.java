package io.handoff.orchestration;

import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;

/**
 * How threshold tuning weighs each boundary of the posture table, from the {@code tuning} section of
 * {@code rules/metrics.yaml}: per boundary (the table row id of the band above the cut-off) the outcome it is tuned
 * against, the metric that outcome feeds, and the costs; no recommendation below {@code minimumEvidence} handoffs with
 * outcomes; the backtest's bootstrap ({@code resamples}, fixed {@code seed}: the same data gives the same report).
 */
public record TuningSettings(int minimumEvidence, int resamples, long seed, double confidence, Map<String, Boundary> boundaries) {

    /**
     * A handoff at or above the cut-off that then had {@code outcome} costs {@code costAbove} (it went through with too
     * little scrutiny); one below it that did not costs {@code costBelow} (a hold it did not need).
     */
    public record Boundary(String ruleId, String outcome, double costAbove, double costBelow, String metric) {
    }

    static TuningSettings read(JsonNode node, String where, double confidence) {
        int minimum = node.path("minimumEvidence").asInt(200);
        JsonNode bootstrap = node.path("bootstrap");
        int resamples = bootstrap.path("resamples").asInt(1000);
        long seed = bootstrap.path("seed").asLong(20261122L);
        if (minimum < 1 || resamples < 100) {
            throw new IllegalArgumentException(where + ": minimumEvidence must be at least 1 and bootstrap.resamples at least 100");
        }
        Map<String, Boundary> boundaries = new TreeMap<>();
        for (Map.Entry<String, JsonNode> b : node.path("boundaries").properties()) {
            String at = where + ", boundary " + b.getKey();
            String outcome = MetricDefinitions.text(b.getValue(), "outcome", at);
            if (!OutcomeKinds.ALL.contains(outcome)) {
                throw new IllegalArgumentException(at + ": outcome must be one of " + OutcomeKinds.ALL.stream().sorted().toList());
            }
            double above = b.getValue().path("costAbove").asDouble(-1);
            double below = b.getValue().path("costBelow").asDouble(-1);
            if (above <= 0 || below <= 0) {
                throw new IllegalArgumentException(at + ": costAbove and costBelow must be positive numbers");
            }
            boundaries.put(b.getKey(), new Boundary(b.getKey(), outcome, above, below,
                    b.getValue().path("metric").asString(outcome + " rate")));
        }
        return new TuningSettings(minimum, resamples, seed, confidence, Map.copyOf(boundaries));
    }
}
