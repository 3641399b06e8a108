package io.handoff.decision;

import io.handoff.engine.Ruleset;

/**
 * Which ruleset decides a contract (the active one, or a canary candidate for a share of contract ids), and
 * what to do after a decision was recorded (shadow evaluation, posture watch).
 */
public interface RulesetRouting {
    Ruleset active();

    /** The ruleset for this contract id; the same id always gets the same answer while the rollout is unchanged. */
    default Ruleset forContract(String contractId) {
        return active();
    }

    /** Called after the decision was recorded and before it is returned; must not throw or block for long. */
    default void decided(Decision decision, io.handoff.contract.ContractValidator.Validated contract) {
    }

    /** Called when a ruleset failed to complete a decision (an error the caller sees as 500). */
    default void failed(Ruleset ruleset, String decisionId) {
    }

    static RulesetRouting fixed(java.util.function.Supplier<Ruleset> ruleset) {
        return ruleset::get;
    }
}
