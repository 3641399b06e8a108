package io.handoff.rulemodel;

/** A fact a rule inserts to state part of the decision; {@link #describe()} is what the trace shows it did. */
public interface Outcome {
    String describe();
}
