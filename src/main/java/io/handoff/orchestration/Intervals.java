package io.handoff.orchestration;

import java.util.List;
import java.util.Map;

/**
 * The confidence intervals the scorecard and tuning report: Wilson's score interval for a proportion (it stays inside
 * 0..1 and behaves at small samples and at 0 or 1, where the normal approximation does not), and for a median the
 * distribution-free order-statistic interval (ranks from the binomial(n, 1/2) distribution, normal approximation):
 * it assumes nothing about the shape of turnaround times. Pure functions: same input, same interval.
 */
final class Intervals {
    /** Two-sided normal quantiles for the confidence levels metrics.yaml may name. */
    static final Map<Double, Double> Z = Map.of(0.80, 1.2816, 0.90, 1.6449, 0.95, 1.9600, 0.99, 2.5758);

    private Intervals() {
    }

    /** [low, high] of a proportion {@code successes / n}; null when n is 0. */
    static double[] wilson(double successes, double n, double confidence) {
        if (n <= 0) {
            return null;
        }
        double z = Z.get(confidence);
        double p = successes / n;
        double z2 = z * z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    /** [low, high] of the median of {@code sorted} (ascending); null when empty. */
    static double[] median(List<Double> sorted, double confidence) {
        int n = sorted.size();
        if (n == 0) {
            return null;
        }
        double z = Z.get(confidence);
        int lowRank = (int) Math.floor((n - z * Math.sqrt(n)) / 2);
        int highRank = (int) Math.ceil(1 + (n + z * Math.sqrt(n)) / 2);
        return new double[] {sorted.get(Math.max(1, lowRank) - 1), sorted.get(Math.min(n, highRank) - 1)};
    }

    /** The value at quantile {@code q} of {@code sorted} (nearest rank). */
    static double quantile(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }

    static Double round(double value) {
        return Double.isFinite(value) ? Math.round(value * 10_000) / 10_000.0 : null;
    }
}
