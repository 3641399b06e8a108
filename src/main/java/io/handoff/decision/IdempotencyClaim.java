package io.handoff.decision;

import java.time.Instant;
import java.util.Objects;

/**
 * An idempotency key taken by a recorded decision: per principal, the canonical hash of the contract it was sent
 * with, and the exact answer to give again.
 */
public record IdempotencyClaim(String principal, String key, String inputHash, String decisionId, String contractId,
                               String response, Instant createdAt) {
    public IdempotencyClaim {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(inputHash, "inputHash");
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
