package io.handoff.rulemodel;

/** Readiness points a scoring row awards (positive) or deducts (negative); the reason is the row's {@code @reason}. */
public final class ScoreContribution implements Outcome {
    private final int points;

    public ScoreContribution(int points) {
        this.points = points;
    }

    public int getPoints() {
        return points;
    }

    @Override
    public String describe() {
        return "score " + (points >= 0 ? "+" : "") + points;
    }
}
