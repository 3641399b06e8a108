package io.handoff.ruleset;

import java.util.List;

/**
 * The case files of a ruleset: every case that could be read, and for every file that could not, a failed result
 * saying where and why. One unreadable file does not stop the others from running.
 */
public record CaseFiles(List<RuleCase> cases, List<CaseResult> unreadable) {
    public CaseFiles {
        cases = List.copyOf(cases);
        unreadable = List.copyOf(unreadable);
    }

    /** How many case files there are, readable or not. */
    public int size() {
        return cases.size() + unreadable.size();
    }
}
