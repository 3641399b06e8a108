package io.handoff.ruleset;

import java.time.Instant;
import java.util.List;

/**
 * Where a submitted ruleset stands: {@code compiling}, {@code rejected} (does not compile or a case fails:
 * every problem listed), or {@code passed} (may be promoted); with its case results and coverage.
 */
public record CandidateReport(String version, String status, String submittedBy, String reason, Instant submittedAt,
                              List<String> problems, int casesPassed, int casesFailed, List<String> caseFailures,
                              List<String> uncoveredRules) {
    public static final String COMPILING = "compiling";
    public static final String REJECTED = "rejected";
    public static final String PASSED = "passed";

    public CandidateReport {
        problems = List.copyOf(problems);
        caseFailures = List.copyOf(caseFailures);
        uncoveredRules = List.copyOf(uncoveredRules);
    }

    public boolean passed() {
        return PASSED.equals(status);
    }
}
