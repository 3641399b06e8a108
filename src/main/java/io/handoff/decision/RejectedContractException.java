package io.handoff.decision;

import java.util.List;

import io.handoff.contract.ContractViolationException;
import io.handoff.contract.Violation;

/** A contract that failed validation: outcome {@code invalid-contract}, with the attempt's decision id. */
public class RejectedContractException extends RuntimeException {
    private final String decisionId;
    private final List<Violation> violations;

    public RejectedContractException(String decisionId, ContractViolationException cause) {
        super(cause.getMessage(), cause);
        this.decisionId = decisionId;
        this.violations = cause.violations();
    }

    public String decisionId() {
        return decisionId;
    }

    public List<Violation> violations() {
        return violations;
    }
}
