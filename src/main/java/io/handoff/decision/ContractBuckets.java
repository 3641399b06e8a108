package io.handoff.decision;

import io.handoff.audit.CanonicalJson;

/**
 * A contract's stable bucket 0..99: the first 32 bits of SHA-256(contract id), mod 100. Canary routing and
 * percentage rollouts both split traffic by it, so the same contract always falls on the same side.
 */
public final class ContractBuckets {
    private ContractBuckets() {
    }

    public static int of(String contractId) {
        return (int) (Long.parseLong(CanonicalJson.sha256(contractId == null ? "" : contractId).substring(0, 8), 16) % 100);
    }
}
