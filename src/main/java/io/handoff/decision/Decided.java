package io.handoff.decision;

/** A recorded decision and its JSON text, byte for byte what the audit record holds. */
public record Decided(Decision decision, String json) {
}
