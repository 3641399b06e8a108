package io.handoff.orchestration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.expression.Expression;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.ast.OpDivide;
import org.springframework.expression.spel.standard.SpelExpression;
import org.springframework.expression.spel.standard.SpelExpressionParser;

import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The scorecard metrics, the evidence they need, the windows baselines are measured from, and the tuning settings,
 * read from {@code rules/metrics.yaml}. A metric that cannot be used is reported with the file and its position in the
 * list, like a table row.
 */
public record MetricDefinitions(List<Metric> metrics, Evidence evidence, Map<String, Window> windows, TuningSettings tuning) {
    private static final SpelExpressionParser PARSER = new SpelExpressionParser();
    static final List<String> DOMAINS = List.of("all", OutcomeKinds.SUPPORT, OutcomeKinds.PRODUCT);

    /**
     * A formula {@code A / B} is a proportion: {@code numerator} and {@code denominator} are its halves (its sample is
     * B, its interval Wilson's); {@code median} a formula that is a median of hours (order-statistic interval).
     */
    public record Metric(String name, String description, String formula, Baseline baseline, Double target, String better,
                         String domain, Expression expression, Expression numerator, Expression denominator) {
        boolean lowerIsBetter() {
            return !"higher".equals(better);
        }

        boolean median() {
            return formula.contains("median");
        }
    }

    /**
     * Where a metric's baseline comes from: measured from the named {@code window} (per domain), with the typed values
     * as the fallback when the window holds too few handoffs; typed only when no window is named.
     */
    public record Baseline(String window, Double typed, Map<String, Double> typedByDomain) {
        Double typed(String domain) {
            return typedByDomain.getOrDefault(domain, typed);
        }
    }

    /** Below {@code minimumSample} a metric is "too-few", never met or worse; intervals at {@code confidence}. */
    public record Evidence(int minimumSample, double confidence) {
    }

    /** A named period of handoffs: decided in [from, to) (either open) and, if {@code mode} is set, in that rollout mode. */
    public record Window(String name, String description, String mode, Instant from, Instant to) {
        boolean holds(HandoffState h) {
            return (mode == null || mode.equals(h.enforced() ? "enforce" : "observe"))
                    && (from == null || !h.decidedAt().isBefore(from)) && (to == null || h.decidedAt().isBefore(to));
        }
    }

    public static MetricDefinitions read(Path file) {
        JsonNode root;
        try {
            root = YAMLMapper.builder().build().readTree(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(file + ": cannot be read as YAML: " + e.getMessage(), e);
        }
        String name = file.getFileName().toString();
        JsonNode e = root.path("evidence");
        Evidence evidence = new Evidence(e.path("minimumSample").asInt(30), e.path("confidence").asDouble(0.95));
        if (evidence.minimumSample() < 1 || !Intervals.Z.containsKey(evidence.confidence())) {
            throw new IllegalArgumentException(name + ", evidence: minimumSample must be at least 1 and confidence one of "
                    + new TreeMap<>(Intervals.Z).keySet());
        }
        Map<String, Window> windows = windows(root.path("windows"), name);
        List<Metric> metrics = new ArrayList<>();
        int index = 0;
        for (JsonNode m : root.path("metrics")) {
            index++;
            metrics.add(metric(m, name + ", metric " + index, windows));
        }
        return new MetricDefinitions(List.copyOf(metrics), evidence, windows,
                TuningSettings.read(root.path("tuning"), name + ", tuning", evidence.confidence()));
    }

    private static Map<String, Window> windows(JsonNode node, String file) {
        Map<String, Window> windows = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> w : node.properties()) {
            String where = file + ", window " + w.getKey();
            String mode = w.getValue().path("mode").asString(null);
            if (mode != null && !mode.equals("observe") && !mode.equals("enforce")) {
                throw new IllegalArgumentException(where + ": mode must be observe or enforce");
            }
            windows.put(w.getKey(), new Window(w.getKey(), w.getValue().path("description").asString(""), mode,
                    instant(w.getValue(), "from", where), instant(w.getValue(), "to", where)));
        }
        return windows;
    }

    private static Metric metric(JsonNode m, String where, Map<String, Window> windows) {
        String name = text(m, "name", where);
        where = where + " (" + name + ")";
        String formula = text(m, "formula", where);
        Expression expression;
        try {
            expression = PARSER.parseExpression(formula);
        } catch (ParseException ex) {
            throw new IllegalArgumentException(where + ": formula '" + formula + "' does not parse: " + ex.getSimpleMessage());
        }
        Expression numerator = null;
        Expression denominator = null;
        if (expression instanceof SpelExpression spel && spel.getAST() instanceof OpDivide divide) {
            numerator = PARSER.parseExpression(divide.getChild(0).toStringAST());
            denominator = PARSER.parseExpression(divide.getChild(1).toStringAST());
        }
        String better = m.path("better").asString("lower");
        if (!better.equals("lower") && !better.equals("higher")) {
            throw new IllegalArgumentException(where + ": better must be 'lower' or 'higher'");
        }
        String domain = m.path("domain").asString("all");
        if (!DOMAINS.contains(domain)) {
            throw new IllegalArgumentException(where + ": domain must be all, customer-support or product-management");
        }
        return new Metric(name, m.path("description").asString(""), formula, baseline(m.path("baseline"), where, windows),
                number(m, "target"), better, domain, expression, numerator, denominator);
    }

    /** {@code baseline: 0.18} (typed), or {@code {window: observe-period, typed: 0.18 | {customer-support: 0.18, ...}}}. */
    private static Baseline baseline(JsonNode node, String where, Map<String, Window> windows) {
        if (node.isMissingNode() || node.isNull()) {
            return new Baseline(null, null, Map.of());
        }
        if (node.isNumber()) {
            return new Baseline(null, node.asDouble(), Map.of());
        }
        String window = node.path("window").asString(null);
        if (window != null && !windows.containsKey(window)) {
            throw new IllegalArgumentException(where + ": baseline window '" + window + "' is not one of windows " + windows.keySet());
        }
        JsonNode typed = node.path("typed");
        Map<String, Double> byDomain = new TreeMap<>();
        if (typed.isObject()) {
            for (Map.Entry<String, JsonNode> d : typed.properties()) {
                if (!DOMAINS.contains(d.getKey()) || !d.getValue().isNumber()) {
                    throw new IllegalArgumentException(where + ": typed baseline '" + d.getKey() + "' must be a domain with a number");
                }
                byDomain.put(d.getKey(), d.getValue().asDouble());
            }
        }
        return new Baseline(window, typed.isNumber() ? typed.asDouble() : byDomain.get("all"), Map.copyOf(byDomain));
    }

    private static Instant instant(JsonNode node, String field, String where) {
        String value = node.path(field).asString(null);
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + ": " + field + " must be an instant such as 2026-11-01T00:00:00Z");
        }
    }

    static String text(JsonNode node, String field, String where) {
        String value = node.path(field).asString("");
        if (value.isBlank()) {
            throw new IllegalArgumentException(where + ": '" + field + "' is required");
        }
        return value;
    }

    private static Double number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asDouble();
    }
}
