package io.handoff.ruleset;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.handoff.engine.RuleLocation;
import io.handoff.engine.Ruleset;

/** Which rules and table rows no case fires: the gaps an analyst should cover with a case. */
public final class Coverage {
    private Coverage() {
    }

    /** Rules no case fired, with where they are written, in id order. */
    public static Map<String, RuleLocation> uncovered(Ruleset ruleset, List<CaseResult> results) {
        Set<String> fired = results.stream().flatMap(r -> r.firedRules().stream()).collect(Collectors.toSet());
        Map<String, RuleLocation> uncovered = new TreeMap<>();
        ruleset.rules().forEach((id, location) -> {
            if (!fired.contains(id)) {
                uncovered.put(id, location);
            }
        });
        return uncovered;
    }
}
