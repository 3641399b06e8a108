package io.handoff.ruleset;

import java.util.List;
import java.util.Objects;

import tools.jackson.databind.JsonNode;

/**
 * A case kept next to the rules: a contract and what the decision must be. Absent expectations are not
 * checked; {@code fired} rules must all fire, {@code notFired} rules must not.
 */
public record RuleCase(String name, String file, JsonNode contract, Expectation expect) {
    public RuleCase {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(expect, "expect");
    }

    /** {@code urgency}: low, normal, high or critical; {@code page}: the page mode (parallel, ...) or none. */
    public record Expectation(String outcome, String posture, String route, List<String> approvals,
                              List<String> fired, List<String> notFired, Integer score, List<String> remediation,
                              String urgency, String page) {
        public Expectation(String outcome, String posture, String route, List<String> approvals, List<String> fired,
                           List<String> notFired, Integer score, List<String> remediation) {
            this(outcome, posture, route, approvals, fired, notFired, score, remediation, null, null);
        }

        public Expectation {
            fired = fired == null ? List.of() : List.copyOf(fired);
            notFired = notFired == null ? List.of() : List.copyOf(notFired);
            approvals = approvals == null ? null : List.copyOf(approvals);
            remediation = remediation == null ? null : List.copyOf(remediation);
        }
    }
}
