package io.handoff.decision;

/**
 * A decision and its JSON text, byte for byte what the audit record holds. {@code replay} says whether it was made
 * now ({@code NONE}) or is an earlier answer given again: for a retried idempotency key ({@code IDEMPOTENT}, the
 * exact bytes of the first answer, {@code decision} null), or for an unchanged contract whose handoff is still open
 * ({@code UNCHANGED}). {@code team} is the sending team the rollout flag was resolved for (null for a replay): for
 * telemetry only, it is neither recorded nor returned.
 */
public record Decided(Decision decision, String json, Replay replay, String team) {
    public enum Replay { NONE, IDEMPOTENT, UNCHANGED }

    public Decided(Decision decision, String json) {
        this(decision, json, Replay.NONE, null);
    }

    public Decided(Decision decision, String json, Replay replay) {
        this(decision, json, replay, null);
    }
}
