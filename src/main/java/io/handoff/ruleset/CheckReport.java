package io.handoff.ruleset;

import io.handoff.text.Shortened;

import java.util.ArrayList;
import java.util.List;

/**
 * What checking a candidate found, as the {@code candidate-check} command writes it: the version checked,
 * whether it passed, errors ({@code problems}), compile warnings, case counts and failures, rules no case
 * fired, and the case it was running when it failed part way ({@code failedOnCase}, null otherwise).
 */
public record CheckReport(String version, boolean passed, List<String> problems, List<String> warnings, int casesPassed,
                          int casesFailed, List<String> caseFailures, List<String> uncoveredRules, String failedOnCase) {
    /** How much of a report read back from a child process is kept: it was written next to candidate code. */
    static final int MAX_ITEMS = 500;
    static final int MAX_CHARS = 2000;

    public CheckReport {
        version = version == null ? "" : version;
        problems = copy(problems);
        warnings = copy(warnings);
        caseFailures = copy(caseFailures);
        uncoveredRules = copy(uncoveredRules);
    }

    /** A candidate the check could not finish: the reason, and the case it was on when known. */
    public static CheckReport failed(String version, String reason, String onCase) {
        return new CheckReport(version, false, List.of(reason + (onCase == null ? "" : " (while running case " + onCase + ")")),
                List.of(), 0, 0, List.of(), List.of(), onCase);
    }

    /** The same report with every list and text cut to what a candidate report keeps. */
    CheckReport bounded() {
        return new CheckReport(FirstLine.of(version, 100), passed, cut(problems), cut(warnings), casesPassed, casesFailed,
                cut(caseFailures), cut(uncoveredRules), failedOnCase == null ? null : FirstLine.of(failedOnCase, 300));
    }

    private static List<String> cut(List<String> items) {
        List<String> kept = new ArrayList<>();
        for (String item : items.subList(0, Math.min(items.size(), MAX_ITEMS))) {
            kept.add(Shortened.to(item, MAX_CHARS, "…"));
        }
        if (items.size() > MAX_ITEMS) {
            kept.add((items.size() - MAX_ITEMS) + " more not shown");
        }
        return kept;
    }

    private static List<String> copy(List<String> items) {
        return items == null ? List.of() : items.stream().map(s -> s == null ? "" : s).toList();
    }
}
