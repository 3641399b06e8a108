package io.handoff.rulemodel;

/** The readiness score, the clamped sum of all contributions (0..100). */
public final class Score implements Outcome {
    private final int total;

    public Score(int total) {
        this.total = Math.max(0, Math.min(100, total));
    }

    public int getTotal() {
        return total;
    }

    @Override
    public String describe() {
        return "score total " + total;
    }
}
