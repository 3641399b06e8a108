package io.handoff.rulemodel;

/** The posture a threshold row assigns to the score band before guardrails are applied. */
public final class PostureBand implements Outcome {
    private final String posture;

    public PostureBand(String posture) {
        this.posture = Postures.require(posture);
    }

    public String getPosture() {
        return posture;
    }

    @Override
    public String describe() {
        return "score band posture " + posture;
    }
}
