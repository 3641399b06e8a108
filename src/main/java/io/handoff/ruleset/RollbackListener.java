package io.handoff.ruleset;

import java.time.Instant;

/**
 * Told of a rollback (automatic or manual) inside the transaction that records it, so whatever it opens (a ruleset
 * incident) commits with the rollback or not at all. Must not call back into the lifecycle.
 */
@FunctionalInterface
public interface RollbackListener {
    RollbackListener NONE = rollback -> { };

    void rolledBack(RolledBack rollback);

    /**
     * {@code version} was rolled back to {@code to} by {@code actor} ({@code service} for an automatic rollback);
     * {@code promotedAt}: when {@code version} last went live, the start of the window in which it decided traffic.
     */
    record RolledBack(String version, String to, String event, String actor, String reason, Instant promotedAt, Instant at) {
        public boolean automatic() {
            return "auto-rolled-back".equals(event);
        }
    }
}
