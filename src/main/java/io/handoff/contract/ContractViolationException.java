package io.handoff.contract;

import java.util.List;

import tools.jackson.databind.JsonNode;

/** A well-formed JSON document that is not a valid contract; carries every violation and the document. */
public class ContractViolationException extends RuntimeException {
    private final transient JsonNode document;
    private final List<Violation> violations;

    public ContractViolationException(JsonNode document, List<Violation> violations) {
        super(violations.size() + " contract violation(s), first: " + violations.get(0));
        this.document = document;
        this.violations = List.copyOf(violations);
    }

    public JsonNode document() {
        return document;
    }

    public List<Violation> violations() {
        return violations;
    }
}
