package io.handoff.decision;

import io.handoff.contract.ContractValidator;
import io.handoff.contract.HandoffContract;
import io.handoff.rulemodel.Handoff;
import tools.jackson.databind.JsonNode;

/** Test access to the package-private contract-to-fact mapping, for benchmarks. */
public final class HandoffFactsAccess {
    private HandoffFactsAccess() {
    }

    public static Handoff facts(ContractValidator validator, JsonNode contract) {
        return HandoffFacts.from(validator.mapper().treeToValue(contract, HandoffContract.class));
    }
}
