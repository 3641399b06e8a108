package io.handoff.ruleset;

import java.util.List;
import java.util.Objects;

import tools.jackson.databind.JsonNode;

/**
 * A case kept next to the rules: a contract, optionally the history the service's records would give it, and what the
 * decision must be. Absent expectations are not checked; {@code fired} rules must all fire, {@code notFired} rules must
 * not. Without {@code history} the case is decided with no history (all counts zero), as every case written before it.
 */
public record RuleCase(String name, String file, JsonNode contract, Expectation expect, History history) {
    public RuleCase {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(expect, "expect");
    }

    public RuleCase(String name, String file, JsonNode contract, Expectation expect) {
        this(name, file, contract, expect, null);
    }

    /**
     * A case's {@code history:} block, in the names rules read ({@code TicketHistory}); an absent count is 0. The receiver
     * bounce rate is not written: it follows from the two receiver counts, as it does in the service.
     */
    public record History(Integer handoffsOfTicketIn7Days, Integer bouncesOfTicketIn7Days, Integer receiverHandoffs30Days,
                          Integer receiverBounces30Days) {
        public History {
            handoffsOfTicketIn7Days = orZero(handoffsOfTicketIn7Days);
            bouncesOfTicketIn7Days = orZero(bouncesOfTicketIn7Days);
            receiverHandoffs30Days = orZero(receiverHandoffs30Days);
            receiverBounces30Days = orZero(receiverBounces30Days);
            if (handoffsOfTicketIn7Days < 0 || bouncesOfTicketIn7Days < 0 || receiverHandoffs30Days < 0 || receiverBounces30Days < 0) {
                throw new IllegalArgumentException("history counts cannot be negative");
            }
            if (receiverBounces30Days > receiverHandoffs30Days) {
                throw new IllegalArgumentException("receiverBounces30Days (" + receiverBounces30Days
                        + ") cannot exceed receiverHandoffs30Days (" + receiverHandoffs30Days + ")");
            }
        }

        private static Integer orZero(Integer count) {
            return count == null ? 0 : count;
        }
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
