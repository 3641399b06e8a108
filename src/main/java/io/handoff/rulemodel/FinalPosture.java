package io.handoff.rulemodel;

/** The decision's posture: the worse of the score band and every guardrail's posture floor. */
public final class FinalPosture implements Outcome {
    private final String posture;

    public FinalPosture(String posture) {
        this.posture = Postures.require(posture);
    }

    public String getPosture() {
        return posture;
    }

    @Override
    public String describe() {
        return "posture " + posture;
    }
}
