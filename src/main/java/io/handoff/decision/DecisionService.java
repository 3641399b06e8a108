package io.handoff.decision;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import io.handoff.contract.ContractValidator;
import io.handoff.contract.ContractViolationException;
import io.handoff.engine.Evaluation;
import io.handoff.engine.Ruleset;

/**
 * Decides handoff contracts: validate, evaluate on the active ruleset, build the decision. A rejected
 * contract surfaces as {@link RejectedContractException} carrying the attempt's decision id.
 */
public final class DecisionService {
    private final ContractValidator validator;
    private final Supplier<Ruleset> activeRuleset;
    private final Clock clock;

    public DecisionService(ContractValidator validator, Supplier<Ruleset> activeRuleset, Clock clock) {
        this.validator = validator;
        this.activeRuleset = activeRuleset;
        this.clock = clock;
    }

    public Decision decide(byte[] body) {
        String decisionId = UUID.randomUUID().toString();
        ContractValidator.Validated validated;
        try {
            validated = validator.read(body);
        } catch (ContractViolationException e) {
            throw new RejectedContractException(decisionId, e);
        }
        return decide(decisionId, validated, activeRuleset.get());
    }

    /** Decides an already validated contract on a given ruleset (cases, replay and benchmarks use this too). */
    public Decision decide(String decisionId, ContractValidator.Validated validated, Ruleset ruleset) {
        Evaluation evaluation = ruleset.evaluate(List.of(HandoffFacts.from(validated.contract())));
        return DecisionAssembler.assemble(decisionId, clock.instant(), validated.contract(),
                CanonicalJson.sha256(validated.document()), evaluation);
    }

    public ContractValidator validator() {
        return validator;
    }
}
