package io.handoff.decision;

import java.util.Objects;

import tools.jackson.databind.JsonNode;

/**
 * A recorded decision to be made again on the active version, as a revision of its open handoff: the contract as the
 * audit log kept it (masked: masked fields are never read by rules, as replay relies on), the hash of the original
 * contract it stands for (so the revision names the same input), the decision it supersedes and who asked, and the
 * history the superseded decision was made with ({@link HandoffHistory#recorded}; null when it had none): the
 * re-decision gives the rules the same history, it does not count again.
 */
public record Redecision(String contractId, JsonNode contract, String inputHash, String supersedes, String principal,
                         HandoffHistory history) {
    public Redecision {
        Objects.requireNonNull(contractId, "contractId");
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(inputHash, "inputHash");
        Objects.requireNonNull(supersedes, "supersedes: a re-decision revises a handoff's current decision");
        Objects.requireNonNull(principal, "principal");
    }
}
