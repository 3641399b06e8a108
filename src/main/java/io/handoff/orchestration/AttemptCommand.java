package io.handoff.orchestration;

import java.time.Instant;

/**
 * One attempt to carry a handoff out, checked at construction with the codes callers already get (422): a known
 * result, a time, an attempt id of 1 to 64 characters when given, a detail of at most 2000 characters.
 */
record AttemptCommand(String contractId, String attemptId, String result, Instant at, String detail, String caller) {
    AttemptCommand {
        if (!Orchestrator.ATTEMPT_RESULTS.contains(result == null ? "" : result)) {
            throw OrchestrationException.invalid("invalid-attempt-result",
                    "result must be one of " + Orchestrator.ATTEMPT_RESULTS.stream().sorted().toList());
        }
        if (at == null) {
            throw OrchestrationException.invalid("missing-attempt-time", "at (ISO-8601 instant of the attempt) is required");
        }
        if (attemptId != null && (attemptId.isBlank() || attemptId.length() > 64)) {
            throw OrchestrationException.invalid("invalid-attempt-id", "attemptId must be 1 to 64 characters");
        }
        if (detail != null && detail.length() > 2000) {
            throw OrchestrationException.invalid("attempt-detail-too-long", "detail must be at most 2000 characters");
        }
        if (contractId == null) {
            throw OrchestrationException.notFound("unknown-handoff", "no decision for contract " + contractId);
        }
    }

    boolean delivered() {
        return "delivered".equals(result);
    }
}
