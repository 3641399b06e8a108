package io.handoff.bench;

import java.util.ArrayList;
import java.util.List;

import io.handoff.rulemodel.Handoff;

/**
 * The Scoring sheet of decision-tables/scoring.xlsx (35 rows) written by hand in Java: the rows that hold, in
 * table order, with their points and remediation pointers. What the same logic costs without a rule engine; the
 * engine benchmark compares it with Drools evaluating that sheet alone, traced.
 */
final class HandWrittenScoring {
    private HandWrittenScoring() {
    }

    /** Rule ids that fired, the total, and the remediation pointers, as the trace would tell them. */
    record Scored(List<String> fired, int total, List<String> remediation) {
    }

    static Scored score(Handoff h) {
        List<String> fired = new ArrayList<>(12);
        List<String> remediation = new ArrayList<>(4);
        int[] total = {0};
        String type = h.getHandoffType();
        if ("customer-support".equals(h.getDomain())) {
            row(fired, total, "SCORE-CS-000", 30, true);
            row(fired, total, "SCORE-CS-010", 10, h.getSummaryLength() >= 40);
            fix(remediation, row(fired, total, "SCORE-CS-015", -10, h.getSummaryLength() < 40), "/package/summary");
            row(fired, total, "SCORE-CS-020", 10, h.getStepsTakenCount() >= 1);
            fix(remediation, row(fired, total, "SCORE-CS-025", -10, h.getStepsTakenCount() == 0 && !"bot-to-agent".equals(type)),
                    "/package/stepsTaken");
            row(fired, total, "SCORE-CS-030", 10, h.getCustomerImpactLength() > 0);
            fix(remediation, row(fired, total, "SCORE-CS-035", -10, h.getCustomerImpactLength() == 0
                    && ("tier1-to-tier2".equals(type) || "support-to-engineering".equals(type))), "/package/customerImpact");
            boolean toEngineering = "support-to-engineering".equals(type);
            row(fired, total, "SCORE-CS-040", 20, toEngineering && h.getReproStepsCount() >= 2);
            fix(remediation, row(fired, total, "SCORE-CS-045", -20, toEngineering && h.getReproStepsCount() < 2),
                    "/package/reproductionSteps");
            row(fired, total, "SCORE-CS-050", 5, h.getAttachmentCount() >= 1);
            row(fired, total, "SCORE-CS-060", 15, h.getChecklistTotal() > 0 && h.getChecklistOpen() == 0);
            row(fired, total, "SCORE-CS-065", -5, h.getChecklistOpen() > 0);
            row(fired, total, "SCORE-CS-070", -5, h.getSentiment() <= -0.5);
            row(fired, total, "SCORE-CS-080", -5, h.getReopenCount() >= 1);
            row(fired, total, "SCORE-CS-090", -10, h.getHandoffCount() >= 2);
            row(fired, total, "SCORE-CS-100", -10, h.isSlaSet() && h.getSlaMinutesLeft() < 60);
            row(fired, total, "SCORE-CS-110", 10, h.isSlaSet() && h.getSlaMinutesLeft() >= 240);
            row(fired, total, "SCORE-CS-120", 10, "bot-to-agent".equals(type) && "bot".equals(h.getFromKind()) && h.getSummaryLength() >= 40);
            row(fired, total, "SCORE-CS-130", 10, "shift-handover".equals(type) && h.getChecklistTotal() >= 1);
        } else if ("product-management".equals(h.getDomain())) {
            String kind = h.getWorkItemKind();
            row(fired, total, "SCORE-PM-000", 20, true);
            row(fired, total, "SCORE-PM-010", 10, h.getProblemStatementLength() >= 60);
            fix(remediation, row(fired, total, "SCORE-PM-015", -15, h.getProblemStatementLength() < 60), "/package/problemStatement");
            row(fired, total, "SCORE-PM-020", 15, h.getAcceptanceCriteriaCount() >= 3);
            fix(remediation, row(fired, total, "SCORE-PM-025", -20, h.getAcceptanceCriteriaCount() == 0
                    && ("spec-to-engineering".equals(type) || "launch-readiness".equals(type))), "/workItem/acceptanceCriteria");
            row(fired, total, "SCORE-PM-030", 10, h.getSuccessMetricCount() >= 1);
            fix(remediation, row(fired, total, "SCORE-PM-035", -10, h.getSuccessMetricCount() == 0
                    && ("feature".equals(kind) || "experiment".equals(kind))), "/workItem/successMetrics");
            row(fired, total, "SCORE-PM-040", 10, h.isDesignDocLinked());
            fix(remediation, row(fired, total, "SCORE-PM-045", -10, "spec-to-engineering".equals(type) && !h.isDesignDocLinked()
                    && ("feature".equals(kind) || "epic".equals(kind))), "/workItem/designDocUrl");
            row(fired, total, "SCORE-PM-050", 5, h.getOpenQuestionCount() == 0);
            row(fired, total, "SCORE-PM-055", -10, h.getOpenQuestionCount() > 3);
            row(fired, total, "SCORE-PM-060", -10, h.getDependencyCount() > 5);
            row(fired, total, "SCORE-PM-070", -10, h.getDaysToRelease() < 14 && !"launch-readiness".equals(type));
            row(fired, total, "SCORE-PM-080", 10, h.getSignOffCount() >= 2);
            row(fired, total, "SCORE-PM-090", 10, h.getChecklistTotal() > 0 && h.getChecklistOpen() == 0);
            row(fired, total, "SCORE-PM-100", -5, "spec-to-engineering".equals(type) && h.getEffortDays() > 40);
        }
        return new Scored(fired, total[0], remediation);
    }

    private static boolean row(List<String> fired, int[] total, String id, int points, boolean holds) {
        if (holds) {
            fired.add(id);
            total[0] += points;
        }
        return holds;
    }

    private static void fix(List<String> remediation, boolean fired, String pointer) {
        if (fired) {
            remediation.add(pointer);
        }
    }
}
