package io.handoff.orchestration;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * One report of what happened after a handoff, checked at construction with the codes callers already get (422):
 * a known kind, a contract id and a time, and only the details its kind carries. {@code occurredAt} is kept to the
 * millisecond, as it is stored. What depends on the handoff (its domain, the success metrics its contract declared)
 * is checked by {@link #checkAgainst}; every refusal names the field with a JSON pointer.
 */
record OutcomeCommand(OutcomeDetails report, String caller) {
    static final int MAX_SLIP_DAYS = 3650;

    OutcomeCommand {
        String kind = report.kind();
        if (!OutcomeKinds.ALL.contains(kind == null ? "" : kind)) {
            throw OrchestrationException.invalid("invalid-outcome-kind", "/kind",
                    "kind must be one of " + OutcomeKinds.ALL.stream().sorted().toList());
        }
        if (report.contractId() == null || report.contractId().isBlank() || report.occurredAt() == null) {
            throw OrchestrationException.invalid("missing-outcome-field", report.occurredAt() == null ? "/occurredAt" : "/contractId",
                    "contractId and occurredAt are required");
        }
        notAllowed(report.reasonCode() != null && !OutcomeKinds.BOUNCED_BACK.equals(kind), "/reasonCode", kind);
        notAllowed(report.slipDays() != null && !OutcomeKinds.SLIPPED.equals(kind), "/slipDays", kind);
        boolean metricKind = OutcomeKinds.SUCCESS_METRIC_REPORTED.equals(kind);
        notAllowed(report.metric() != null && !metricKind, "/metric", kind);
        notAllowed(report.value() != null && !metricKind, "/value", kind);
        if (OutcomeKinds.SLIPPED.equals(kind) && (report.slipDays() == null || report.slipDays() < 1
                || report.slipDays() > MAX_SLIP_DAYS)) {
            throw OrchestrationException.invalid("invalid-slip-days", "/slipDays",
                    "a slipped report needs slipDays, a whole number of days from 1 to " + MAX_SLIP_DAYS);
        }
        if (metricKind && (report.metric() == null || report.metric().isBlank())) {
            throw OrchestrationException.invalid("missing-success-metric", "/metric",
                    "a success-metric-reported report names the success metric its contract declared");
        }
        if (metricKind && (report.value() == null || !Double.isFinite(report.value()))) {
            throw OrchestrationException.invalid("missing-success-metric", "/value", "a success-metric-reported report needs a value");
        }
        report = new OutcomeDetails(report.contractId(), kind, report.occurredAt().truncatedTo(ChronoUnit.MILLIS), report.note(),
                report.reasonCode(), report.slipDays(), report.metric(), report.value());
    }

    private static void notAllowed(boolean present, String pointer, String kind) {
        if (present) {
            throw OrchestrationException.invalid("outcome-field-not-allowed", pointer,
                    pointer.substring(1) + " does not belong to a " + kind + " report");
        }
    }

    String contractId() {
        return report.contractId();
    }

    String kind() {
        return report.kind();
    }

    Instant occurredAt() {
        return report.occurredAt();
    }

    /**
     * The checks that need the handoff: the kind belongs to its domain, a reason code is one of that domain's, and a
     * reported success metric is one the contract declared. Answers whether the value met the declared target (null
     * for other kinds).
     */
    Boolean checkAgainst(String domain, JsonNode contract) {
        List<String> kinds = OutcomeKinds.of(domain);
        if (!kinds.contains(kind())) {
            throw OrchestrationException.invalid("outcome-kind-not-in-domain", "/kind",
                    kind() + " is not an outcome of a " + domain + " handoff; one of " + kinds);
        }
        List<String> reasons = OutcomeKinds.REASONS.getOrDefault(domain, List.of());
        if (report.reasonCode() != null && !reasons.contains(report.reasonCode())) {
            throw OrchestrationException.invalid("invalid-reason-code", "/reasonCode",
                    "reasonCode of a " + domain + " bounce-back must be one of " + reasons);
        }
        if (!OutcomeKinds.SUCCESS_METRIC_REPORTED.equals(kind())) {
            return null;
        }
        for (JsonNode declared : contract == null ? List.<JsonNode>of() : contract.path("workItem").path("successMetrics").values()) {
            if (report.metric().equals(declared.path("name").asString(""))) {
                double baseline = declared.path("baseline").asDouble();
                double target = declared.path("target").asDouble();
                return target >= baseline ? report.value() >= target : report.value() <= target;
            }
        }
        throw OrchestrationException.invalid("unknown-success-metric", "/metric",
                "the contract declared no success metric named '" + report.metric() + "'");
    }
}
