package io.handoff.orchestration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.expression.Expression;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.standard.SpelExpressionParser;

import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The scorecard metrics and tuning settings read from {@code rules/metrics.yaml}. A metric that cannot be
 * used is reported with the file and its position in the list, like a table row.
 */
public record MetricDefinitions(List<Metric> metrics, Tuning tuning) {
    private static final SpelExpressionParser PARSER = new SpelExpressionParser();

    public record Metric(String name, String description, String formula, Double baseline, Double target, String better,
                         String domain, Expression expression) {
        boolean lowerIsBetter() {
            return !"higher".equals(better);
        }
    }

    public record Tuning(String outcome, double costAbove, double costBelow) {
    }

    public static MetricDefinitions read(Path file) {
        JsonNode root;
        try {
            root = YAMLMapper.builder().build().readTree(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(file + ": cannot be read as YAML: " + e.getMessage(), e);
        }
        List<Metric> metrics = new ArrayList<>();
        int index = 0;
        for (JsonNode m : root.path("metrics")) {
            index++;
            String where = file.getFileName() + ", metric " + index;
            String name = text(m, "name", where);
            String formula = text(m, "formula", where + " (" + name + ")");
            Expression expression;
            try {
                expression = PARSER.parseExpression(formula);
            } catch (ParseException e) {
                throw new IllegalArgumentException(where + " (" + name + "): formula '" + formula + "' does not parse: "
                        + e.getSimpleMessage());
            }
            String better = m.path("better").asString("lower");
            if (!better.equals("lower") && !better.equals("higher")) {
                throw new IllegalArgumentException(where + " (" + name + "): better must be 'lower' or 'higher'");
            }
            String domain = m.path("domain").asString("all");
            if (!List.of("all", "customer-support", "product-management").contains(domain)) {
                throw new IllegalArgumentException(where + " (" + name + "): domain must be all, customer-support or product-management");
            }
            metrics.add(new Metric(name, m.path("description").asString(""), formula, number(m, "baseline"),
                    number(m, "target"), better, domain, expression));
        }
        JsonNode t = root.path("tuning");
        Tuning tuning = new Tuning(t.path("outcome").asString("bounced-back"), t.path("costAbove").asDouble(5),
                t.path("costBelow").asDouble(1));
        if (!Orchestrator.OUTCOME_KINDS.contains(tuning.outcome())) {
            throw new IllegalArgumentException(file.getFileName() + ", tuning: outcome must be one of " + Orchestrator.OUTCOME_KINDS);
        }
        return new MetricDefinitions(List.copyOf(metrics), tuning);
    }

    private static String text(JsonNode node, String field, String where) {
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
