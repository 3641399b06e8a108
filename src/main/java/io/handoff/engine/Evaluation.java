package io.handoff.engine;

import java.util.List;

/**
 * What evaluating facts on a ruleset produced: the rules in firing order with what each inserted.
 * {@code capped} is true when evaluation was stopped at the firing cap (a looping rule).
 */
public record Evaluation(String rulesetVersion, List<FiredRule> fired, boolean capped, long nanos) {
    public Evaluation {
        fired = List.copyOf(fired);
    }

    /** Every inserted fact of a type, in insertion order, with the rule that inserted it. */
    public <T> List<Inserted<T>> inserted(Class<T> type) {
        return fired.stream()
                .flatMap(rule -> rule.inserted().stream().filter(type::isInstance)
                        .map(fact -> new Inserted<>(type.cast(fact), rule)))
                .toList();
    }

    /** A fact together with the firing that inserted it. */
    public record Inserted<T>(T fact, FiredRule by) {
    }
}
