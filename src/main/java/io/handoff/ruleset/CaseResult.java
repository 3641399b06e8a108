package io.handoff.ruleset;

import java.util.List;
import java.util.Set;

/** The result of running one case: every field that differs (none when it passed) and the rules that fired. */
public record CaseResult(String name, String file, List<Mismatch> mismatches, Set<String> firedRules) {
    public CaseResult {
        mismatches = List.copyOf(mismatches);
        firedRules = Set.copyOf(firedRules);
    }

    public boolean passed() {
        return mismatches.isEmpty();
    }

    public record Mismatch(String field, String expected, String actual) {
        @Override
        public String toString() {
            return field + ": expected " + expected + ", got " + actual;
        }
    }
}
