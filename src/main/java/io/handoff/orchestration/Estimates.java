package io.handoff.orchestration;

import java.util.List;

import org.springframework.expression.EvaluationException;
import org.springframework.expression.Expression;
import org.springframework.expression.spel.support.SimpleEvaluationContext;

/**
 * One metric evaluated on a set of handoffs, with the sample it rests on and its interval: a proportion ({@code A / B})
 * has sample B and Wilson's interval, a median of hours has the number of hours and the order-statistic interval; any
 * other formula has the number of handoffs and no interval.
 */
final class Estimates {
    static final String WILSON = "wilson";
    static final String MEDIAN = "median-order-statistic";

    private Estimates() {
    }

    static Scorecard.Estimate of(MetricDefinitions.Metric metric, ScorecardData data, double confidence) {
        MetricInputs inputs = data.inputs();
        Double value = number(metric, metric.expression(), inputs);
        if (metric.numerator() != null) {
            Double successes = number(metric, metric.numerator(), inputs);
            Double n = number(metric, metric.denominator(), inputs);
            int sample = n == null ? 0 : (int) Math.round(n);
            double[] ci = successes == null || n == null || successes > n ? null : Intervals.wilson(successes, n, confidence);
            return estimate(value, sample, ci);
        }
        if (metric.median()) {
            List<Double> sorted = inputs.approvalHours().stream().sorted().toList();
            return estimate(value, sorted.size(), Intervals.median(sorted, confidence));
        }
        return estimate(value, data.handoffs().size(), null);
    }

    static String method(MetricDefinitions.Metric metric) {
        return metric.numerator() != null ? WILSON : metric.median() ? MEDIAN : null;
    }

    private static Scorecard.Estimate estimate(Double value, int sample, double[] ci) {
        return new Scorecard.Estimate(value == null ? null : Intervals.round(value), sample,
                ci == null || value == null ? null : Intervals.round(ci[0]), ci == null || value == null ? null : Intervals.round(ci[1]));
    }

    private static Double number(MetricDefinitions.Metric metric, Expression expression, MetricInputs inputs) {
        try {
            Object value = expression.getValue(SimpleEvaluationContext.forReadOnlyDataBinding().withInstanceMethods()
                    .withRootObject(inputs).build());
            if (value instanceof Number number) {
                double d = number.doubleValue();
                return Double.isFinite(d) ? d : null;
            }
            throw new IllegalArgumentException("metric " + metric.name() + ": formula '" + metric.formula() + "' gives "
                    + (value == null ? "nothing" : value.getClass().getSimpleName()) + ", not a number");
        } catch (EvaluationException e) {
            throw new IllegalArgumentException("metric " + metric.name() + ": formula '" + metric.formula() + "' fails: "
                    + e.getMessage(), e);
        }
    }
}
