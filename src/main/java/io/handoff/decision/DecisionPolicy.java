package io.handoff.decision;

import io.handoff.contract.HandoffContract;

/**
 * What the service checks around the rules for every decision: the rollout mode that applies to the
 * contract (a team switched off gets {@link NotEnabledException}; in observe mode the decision is made and
 * recorded but not enforced) and the hard preflight checks a made decision must pass before it is recorded
 * ({@link PreflightFailedException} names the failed check; nothing is recorded).
 */
public interface DecisionPolicy {
    Decision.Rollout rollout(HandoffContract contract);

    void check(Decision decision);

    /** Enforce everything, check nothing: for cases, replay and benchmarks. */
    DecisionPolicy ENFORCE = new DecisionPolicy() {
        @Override
        public Decision.Rollout rollout(HandoffContract contract) {
            return null;
        }

        @Override
        public void check(Decision decision) {
        }
    };
}
