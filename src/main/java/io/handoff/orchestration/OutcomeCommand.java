package io.handoff.orchestration;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One report of what happened after a handoff, checked at construction with the codes callers already get (422):
 * a known kind, a contract id and a time. {@code occurredAt} is kept to the millisecond, as it is stored.
 */
record OutcomeCommand(String contractId, String kind, Instant occurredAt, String note, String caller) {
    OutcomeCommand {
        if (!Orchestrator.OUTCOME_KINDS.contains(kind == null ? "" : kind)) {
            throw OrchestrationException.invalid("invalid-outcome-kind",
                    "kind must be one of " + Orchestrator.OUTCOME_KINDS.stream().sorted().toList());
        }
        if (contractId == null || contractId.isBlank() || occurredAt == null) {
            throw OrchestrationException.invalid("missing-outcome-field", "contractId and occurredAt are required");
        }
        occurredAt = occurredAt.truncatedTo(ChronoUnit.MILLIS);
    }
}
