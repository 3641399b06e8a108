package io.handoff.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What evaluating facts on a ruleset produced: the rules in firing order with what each inserted.
 * {@code capped} is true when evaluation was stopped at the firing cap (a looping rule).
 */
public record Evaluation(String rulesetVersion, List<FiredRule> fired, boolean capped, long nanos) {
    public Evaluation {
        fired = List.copyOf(fired);
    }

    /**
     * Every inserted fact of a type, in insertion order, with the rule that inserted it. A plain loop: a decision asks
     * for about ten types, and the stream pipeline per type and fired rule was a tenth of a decision's CPU outside HTTP.
     */
    public <T> List<Inserted<T>> inserted(Class<T> type) {
        List<Inserted<T>> found = new ArrayList<>();
        for (FiredRule rule : fired) {
            for (Object fact : rule.inserted()) {
                if (type.isInstance(fact)) {
                    found.add(new Inserted<>(type.cast(fact), rule));
                }
            }
        }
        return Collections.unmodifiableList(found);
    }

    /** A fact together with the firing that inserted it. */
    public record Inserted<T>(T fact, FiredRule by) {
    }
}
