package io.handoff.decision;

import java.util.List;

/**
 * A recorded decision re-evaluated from its recorded input on its recorded ruleset version:
 * {@code identical}, or every field that differs (JSON pointer into the decision, recorded and replayed value), and
 * {@code changes}: what the rules decided differently, named by field as simulate and the shadow report name it
 * ({@link DecisionDiff}).
 */
public record ReplayResult(String decisionId, String rulesetVersion, String status, List<Difference> differences,
                           List<String> changes, List<String> notes) {
    public static final String IDENTICAL = "identical";
    public static final String DIFFERENT = "different";

    public ReplayResult {
        differences = List.copyOf(differences);
        changes = List.copyOf(changes);
        notes = List.copyOf(notes);
    }

    public record Difference(String pointer, String recorded, String replayed) {
    }
}
