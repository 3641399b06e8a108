package io.handoff.ruleset;

import java.time.Instant;

/** Records a lifecycle event through the history's one write path, for tests outside this package. */
public final class HistoryEvents {
    private HistoryEvents() {
    }

    public static void record(RulesetHistory history, String version, String event, String reason, String details) {
        history.record(version, event, "service", reason, details, Instant.now());
    }
}
