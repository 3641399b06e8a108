package io.handoff.ruleset;

import java.util.UUID;

import io.handoff.contract.ContractValidator;
import io.handoff.decision.Decision;
import io.handoff.decision.DecisionService;
import io.handoff.engine.Ruleset;

/**
 * Tries one contract on a version before it decides anything live: the active version, a candidate that compiled, or
 * an archived one. The decision is complete, with its trace (file, sheet and row of every fired rule), and nothing
 * is recorded: no audit record, no approvals or incident opened, no idempotency key taken.
 */
public final class ContractTrial {
    /** Marks a tried decision's id, so that it is never mistaken for a recorded one. */
    public static final String ID_PREFIX = "try-";

    private final RulesetLifecycle lifecycle;
    private final DecisionService decisions;

    /** {@code decisions} must be a service that records nothing (the one for cases and benchmarks). */
    public ContractTrial(RulesetLifecycle lifecycle, DecisionService decisions) {
        this.lifecycle = lifecycle;
        this.decisions = decisions;
    }

    /**
     * The decision {@code version} makes on {@code contract}. Throws {@code unknown-version} (404) or
     * {@code not-compiled} (409) for the version, and the validator's exceptions for a body that is not a valid
     * contract (400 malformed JSON, 422 with every violation).
     */
    public Decision decide(String version, byte[] contract) {
        Ruleset ruleset = lifecycle.find(version);
        ContractValidator.Validated validated = decisions.validator().read(contract);
        return decisions.decide(ID_PREFIX + UUID.randomUUID(), validated, ruleset);
    }
}
