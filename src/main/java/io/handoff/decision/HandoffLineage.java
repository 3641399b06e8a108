package io.handoff.decision;

import java.util.Optional;

/**
 * Where a contract's handoff stands, as the decision path needs to know before deciding: whether there is one, which
 * decision is current, on what input, and whether it is closed. Implemented where handoffs are kept.
 */
public interface HandoffLineage {
    Optional<Current> current(String contractId);

    /** The decision JSON the caller got for a recorded decision, if it is still in the log. */
    Optional<String> decisionJson(String decisionId);

    /**
     * The current decision, with the input hash and ruleset version of its record (null when the record is gone);
     * {@code closed}: a terminal status.
     */
    record Current(String decisionId, String inputHash, String rulesetVersion, String status, boolean closed) {
    }

    /** No handoffs anywhere: every contract is decided as if for the first time (cases, tests, benchmarks). */
    HandoffLineage NONE = new HandoffLineage() {
        @Override
        public Optional<Current> current(String contractId) {
            return Optional.empty();
        }

        @Override
        public Optional<String> decisionJson(String decisionId) {
            return Optional.empty();
        }
    };
}
