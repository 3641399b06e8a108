package io.handoff.rulemodel;

import java.util.List;

/** The decision's outcome, chosen by the verdict rules once everything else has fired. */
public final class Verdict implements Outcome {
    public static final List<String> OUTCOMES =
            List.of("accept", "accept-pending-approval", "return-to-sender", "escalate");

    private final String outcome;

    public Verdict(String outcome) {
        if (!OUTCOMES.contains(outcome)) {
            throw new IllegalArgumentException("unknown outcome '" + outcome + "', expected one of " + OUTCOMES);
        }
        this.outcome = outcome;
    }

    public String getOutcome() {
        return outcome;
    }

    @Override
    public String describe() {
        return "outcome " + outcome;
    }
}
